-- The row stays with an empty payload and a new version, so the grain's next write is an update.
UPDATE orleans_grain_state
SET payload = NULL, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE service_id = @ServiceId
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version AS "NewGrainStateVersion"
