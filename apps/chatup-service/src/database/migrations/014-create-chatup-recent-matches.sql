-- Pairs matched lately (user_a < user_b, so a pair has one row): not matched again within
-- CHATUP_RECENT_MATCH_SECONDS.
CREATE TABLE IF NOT EXISTS chatup_recent_matches (
  user_a UUID NOT NULL,
  user_b UUID NOT NULL,
  matched_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_a, user_b),
  CHECK (user_a < user_b)
)
