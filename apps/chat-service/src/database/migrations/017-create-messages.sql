-- Messages. A deleted one keeps its row (and seq) with empty content and `deleted_at` set.
CREATE TABLE IF NOT EXISTS messages (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  chat_id UUID NOT NULL,
  seq INT8 NOT NULL,
  sender_id UUID NOT NULL,
  client_message_id UUID NOT NULL,
  kind TEXT NOT NULL,
  content TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  edited_at TIMESTAMPTZ NULL,
  deleted_at TIMESTAMPTZ NULL
)
