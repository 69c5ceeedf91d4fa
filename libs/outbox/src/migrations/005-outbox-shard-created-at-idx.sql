-- A new owner reads what a partition's previous owner left, oldest first.
CREATE INDEX IF NOT EXISTS outbox_shard_created_at_idx ON outbox (shard, created_at, id)
