-- Lets the sweep find stale rows without scanning every connection.
CREATE INDEX IF NOT EXISTS user_connections_heartbeat_at_idx ON user_connections (heartbeat_at)
