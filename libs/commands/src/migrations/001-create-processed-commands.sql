-- Commands whose outcome is stored: a command redelivered by Kafka (after a crash or a
-- rebalance) finds its id here and is not applied twice.
CREATE TABLE IF NOT EXISTS processed_commands (
  command_id UUID PRIMARY KEY,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
