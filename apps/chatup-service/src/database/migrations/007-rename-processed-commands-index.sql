-- The claims table's index, by the name the command library's migrations give it.
ALTER INDEX IF EXISTS chatup_processed_commands_processed_at_idx RENAME TO processed_commands_processed_at_idx
