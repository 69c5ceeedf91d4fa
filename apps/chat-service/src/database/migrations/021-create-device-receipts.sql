-- How far each device of a user has received the user's event log (per-user event seq).
CREATE TABLE IF NOT EXISTS device_receipts (
  user_id UUID NOT NULL,
  device_id TEXT NOT NULL,
  acked_seq INT8 NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, device_id)
)
