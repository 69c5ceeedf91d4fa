-- An event whose data is shared (payload_id) stores none of its own.
ALTER TABLE user_events ALTER COLUMN data DROP NOT NULL
