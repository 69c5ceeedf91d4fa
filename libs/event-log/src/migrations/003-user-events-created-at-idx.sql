-- For retention: the pruner deletes the oldest events first.
-- (On CockroachDB a hash-sharded index would spread this monotonic key; PostgreSQL has none.)
CREATE INDEX IF NOT EXISTS user_events_created_at_idx ON user_events (created_at)
