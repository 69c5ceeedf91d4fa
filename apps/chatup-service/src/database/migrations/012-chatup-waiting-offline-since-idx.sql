-- For the sweeper: rows whose user has been offline longer than the grace period.
CREATE INDEX IF NOT EXISTS chatup_waiting_offline_since_idx ON chatup_waiting (offline_since)
