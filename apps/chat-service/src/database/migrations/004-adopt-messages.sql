-- Adopts messages from `public`, where every service's tables lived before each got a schema
-- of its own: the rows move with it. A no-op on a database created since.
ALTER TABLE IF EXISTS public.messages SET SCHEMA chat
