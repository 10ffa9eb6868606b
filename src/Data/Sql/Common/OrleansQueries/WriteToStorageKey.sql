-- Insert when the grain holds no version yet, otherwise update only the version it read (optimistic concurrency).
-- No row comes back on a version mismatch, which the provider reports as an inconsistent state.
INSERT INTO orleans_grain_state AS s
    (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_extension, payload, version, modified_at)
SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
       COALESCE(@GrainIdExtensionString, ''), @PayloadBinary, 1, CURRENT_TIMESTAMP
WHERE CAST(@GrainStateVersion AS integer) IS NULL
   OR EXISTS (SELECT 1 FROM orleans_grain_state WHERE service_id = @ServiceId
  AND grain_type_hash = @GrainTypeHash
  AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type = @GrainTypeString
  AND grain_id_extension = COALESCE(@GrainIdExtensionString, ''))
ON CONFLICT (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_extension)
DO UPDATE SET payload = excluded.payload, version = s.version + 1, modified_at = excluded.modified_at
WHERE s.version = CAST(@GrainStateVersion AS integer)
RETURNING version AS "NewGrainStateVersion"
