-- Idempotency-Key reservations (API.md "Idempotent commands"): one command id per user, key,
-- method and path for 24 h. `body_hash` is the SHA-256 of the request body as canonical JSON,
-- so the same key with another body can be told apart.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  user_id UUID NOT NULL,
  idem_key TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  command_id UUID NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, idem_key, method, path)
)
