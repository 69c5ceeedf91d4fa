-- One relay at a time publishes (so records of one key keep their order); the lease expires
-- when its holder stops renewing it, and another relay takes over.
CREATE TABLE IF NOT EXISTS outbox_lease (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
)
