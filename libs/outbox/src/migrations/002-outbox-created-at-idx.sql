CREATE INDEX IF NOT EXISTS outbox_created_at_idx ON outbox (created_at, id)
