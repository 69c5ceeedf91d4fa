-- Current members of each chat (a removed member's row is deleted), with how far each has
-- read and received (message seqs of the chat).
CREATE TABLE IF NOT EXISTS chat_members (
  chat_id UUID NOT NULL,
  user_id UUID NOT NULL,
  role TEXT NOT NULL,
  joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_read_seq INT8 NOT NULL DEFAULT 0,
  delivered_seq INT8 NOT NULL DEFAULT 0,
  PRIMARY KEY (chat_id, user_id)
)
