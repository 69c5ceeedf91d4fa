/**
 * The tables a chat send touches, in schema `bench_raw`, with the same DDL (columns, keys,
 * indexes, JSONB) as the migrations of apps/chat-service/src/database/migrations and
 * libs/event-log/src/migrations. Left out on purpose: `outbox`/`outbox_lease` (the raw
 * pipeline publishes after COMMIT instead, see pipeline.mjs), and tables a send never
 * touches (`service_instances`, `device_receipts`, `user_event_floors`).
 *
 * The statements in pipeline.mjs name tables unqualified, exactly as our repositories do;
 * the connection's `search_path` points them here.
 */
export const SCHEMA = 'bench_raw';

export const DDL = [
  `CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`,
  // 002-create-chats.sql
  `CREATE TABLE IF NOT EXISTS chats (
    id UUID PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NULL,
    created_by UUID NOT NULL,
    last_seq INT8 NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_message_at TIMESTAMPTZ NULL
  )`,
  // 003-create-chat-members.sql, 004-chat-members-user-id-idx.sql
  `CREATE TABLE IF NOT EXISTS chat_members (
    chat_id UUID NOT NULL,
    user_id UUID NOT NULL,
    role TEXT NOT NULL,
    joined_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_read_seq INT8 NOT NULL DEFAULT 0,
    delivered_seq INT8 NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, user_id)
  )`,
  `CREATE INDEX IF NOT EXISTS chat_members_user_id_idx ON chat_members (user_id)`,
  // 005-create-messages.sql, 006-messages-chat-id-seq-key.sql, 007-messages-client-message-id-key.sql
  `CREATE TABLE IF NOT EXISTS messages (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    chat_id UUID NOT NULL,
    seq INT8 NOT NULL,
    sender_id UUID NOT NULL,
    client_message_id UUID NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    edited_at TIMESTAMPTZ NULL,
    deleted_at TIMESTAMPTZ NULL
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS messages_chat_id_seq_key ON messages (chat_id, seq)`,
  `CREATE UNIQUE INDEX IF NOT EXISTS messages_client_message_id_key
    ON messages (chat_id, sender_id, client_message_id)`,
  // 008-create-blocks.sql (read by every send to a private chat)
  `CREATE TABLE IF NOT EXISTS blocks (
    blocker_id UUID NOT NULL,
    blocked_id UUID NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id)
  )`,
  // 009-create-processed-commands.sql, 011-processed-commands-processed-at-idx.sql
  `CREATE TABLE IF NOT EXISTS processed_commands (
    command_id UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX IF NOT EXISTS processed_commands_processed_at_idx ON processed_commands (processed_at)`,
  // libs/event-log 001-create-user-event-heads.sql
  `CREATE TABLE IF NOT EXISTS user_event_heads (
    user_id UUID PRIMARY KEY,
    last_seq INT8 NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`,
  // libs/event-log 002-create-user-events.sql, 003-user-events-created-at-idx.sql
  `CREATE TABLE IF NOT EXISTS user_events (
    user_id UUID NOT NULL,
    seq INT8 NOT NULL,
    type TEXT NOT NULL,
    data JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, seq)
  )`,
  `CREATE INDEX IF NOT EXISTS user_events_created_at_idx ON user_events (created_at)`,
];
