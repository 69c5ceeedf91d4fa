-- The ChatUp worker's projection of users (from user.registered / user.updated): what a
-- match tells the partner. The gateway owns users; this copy is never written elsewhere.
CREATE TABLE IF NOT EXISTS chatup_users (
  user_id UUID PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  tags TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
