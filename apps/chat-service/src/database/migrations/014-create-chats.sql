-- Chats. `last_seq` is the last message seq handed out: a send bumps it in the transaction
-- that stores the message, so seqs are gap-free per chat (the row serialises a chat's sends).
CREATE TABLE IF NOT EXISTS chats (
  id UUID PRIMARY KEY,
  type TEXT NOT NULL,
  name TEXT NULL,
  created_by UUID NOT NULL,
  last_seq INT8 NOT NULL DEFAULT 0,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_message_at TIMESTAMPTZ NULL
)
