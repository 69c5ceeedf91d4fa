-- Only the SHA-256 of a refresh token is stored: a leaked table cannot be replayed.
-- The hash of 256 random bits is a well-spread primary key (no hot range).
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  family_id UUID NOT NULL,
  user_id UUID NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  spent_at TIMESTAMPTZ NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
