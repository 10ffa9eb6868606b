-- SQLite has no data-modifying CTEs: the second statement reports whether the first removed the row.
DELETE FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version;
SELECT changes();
