-- Records to publish to Kafka, written in the same transaction as the change they report.
-- `topic` is the base topic name (the relay adds the deployment prefix).
CREATE TABLE IF NOT EXISTS outbox (
  id UUID PRIMARY KEY,
  topic TEXT NOT NULL,
  record_key TEXT NOT NULL,
  envelope TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
)
