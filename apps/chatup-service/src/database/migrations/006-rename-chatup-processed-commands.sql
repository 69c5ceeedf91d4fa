-- The command library's claims table has one name in every worker's schema.
ALTER TABLE IF EXISTS chatup_processed_commands RENAME TO processed_commands
