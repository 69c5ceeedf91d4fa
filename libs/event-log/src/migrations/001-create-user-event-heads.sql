-- The last seq handed out in each user's event log. One row per user, touched in the
-- transaction that stores the user's next event, so seqs are gap-free per user.
CREATE TABLE IF NOT EXISTS user_event_heads (
  user_id UUID PRIMARY KEY,
  last_seq INT8 NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
