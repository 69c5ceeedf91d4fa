-- Set when the event's data is in event_payloads (shared with its other recipients).
ALTER TABLE user_events ADD COLUMN IF NOT EXISTS payload_id UUID NULL
