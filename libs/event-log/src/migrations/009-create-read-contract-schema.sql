-- event_log_v1: what services other than the log's owner may read of users' event logs
-- (the gateway, for /sync and `ready`). Views over the owner's tables; a change that
-- breaks a reader gets event_log_v2 beside this one until no reader uses it.
CREATE SCHEMA IF NOT EXISTS event_log_v1
