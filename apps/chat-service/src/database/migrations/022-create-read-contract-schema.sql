-- chat_read_v1: what other services may read of the chats (README "Who owns which table").
-- Views over this schema's tables, with the columns promised; a change that breaks a reader
-- gets a new version (chat_read_v2) beside this one until no reader uses it.
CREATE SCHEMA IF NOT EXISTS chat_read_v1
