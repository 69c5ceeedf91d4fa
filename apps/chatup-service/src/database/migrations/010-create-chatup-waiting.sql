-- The waiting pool: one row per user waiting for a partner. A row leaves by being claimed
-- (DELETE ... RETURNING in the matching transaction), cancelled, expired or disconnected.
CREATE TABLE IF NOT EXISTS chatup_waiting (
  user_id UUID PRIMARY KEY,
  request_id UUID NOT NULL,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  tags TEXT[] NOT NULL,
  requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ NOT NULL,
  offline_since TIMESTAMPTZ NULL
)
