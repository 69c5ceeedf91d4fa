-- For pruning ids older than any redelivery Kafka can still make.
CREATE INDEX IF NOT EXISTS chatup_processed_commands_processed_at_idx ON chatup_processed_commands (processed_at)
