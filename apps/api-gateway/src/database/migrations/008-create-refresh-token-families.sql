-- One family per login (or registration): every refresh token rotated from it belongs to it,
-- so revoking the family (logout, or reuse of a spent token) ends the whole session.
CREATE TABLE IF NOT EXISTS refresh_token_families (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at TIMESTAMPTZ NULL,
  revoked_reason TEXT NULL
)
