-- Used when a storage provider is set to delete rows on clear: the row goes only if the grain held its latest version.
DELETE FROM orleans_grain_state
WHERE service_id = @ServiceId
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_extension = COALESCE(@GrainIdExtensionString, '')
  AND version = CAST(@GrainStateVersion AS integer)
RETURNING version + 1 AS "NewGrainStateVersion"
