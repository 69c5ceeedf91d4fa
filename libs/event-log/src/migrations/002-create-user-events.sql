-- Every stored event a user receives, numbered per user (API.md "Catching up").
-- Keyed by (user_id, seq): one user's log is one contiguous range, read in order by /sync.
CREATE TABLE IF NOT EXISTS user_events (
  user_id UUID NOT NULL,
  seq INT8 NOT NULL,
  type TEXT NOT NULL,
  data JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, seq)
)
