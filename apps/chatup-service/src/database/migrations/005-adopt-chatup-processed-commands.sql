-- Adopts chatup_processed_commands from `public`, where every service's tables lived before each got a schema
-- of its own: the rows move with it. A no-op on a database created since.
ALTER TABLE IF EXISTS public.chatup_processed_commands SET SCHEMA chatup
