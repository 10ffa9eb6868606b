DELETE FROM orleans_reminders WHERE service_id = @ServiceId
