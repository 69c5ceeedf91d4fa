-- For pruning: ids older than any redelivery Kafka can still make are removed oldest first.
CREATE INDEX IF NOT EXISTS processed_commands_processed_at_idx ON processed_commands (processed_at)
