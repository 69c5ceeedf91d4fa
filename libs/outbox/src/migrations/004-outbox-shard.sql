-- The shard of a record written by a partition's owner (`<topic>:<partition>` of the command
-- that caused it): that owner publishes it right after its commit, and whoever owns the
-- partition next publishes what is left. NULL: the lease-holding relay publishes it.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS shard TEXT NULL
