-- For retention: payloads are pruned oldest first, after the events pointing at them.
CREATE INDEX IF NOT EXISTS event_payloads_created_at_idx ON event_payloads (created_at)
