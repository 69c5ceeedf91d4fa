-- ChatUp commands whose outcome is stored: a redelivered command finds its id here and is not applied twice.
CREATE TABLE IF NOT EXISTS chatup_processed_commands (
  command_id UUID PRIMARY KEY,
  processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
