-- For the sweeper: rows past their wait limit, oldest first.
CREATE INDEX IF NOT EXISTS chatup_waiting_expires_at_idx ON chatup_waiting (expires_at)
