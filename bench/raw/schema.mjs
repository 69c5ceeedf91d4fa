/**
 * The tables a chat send touches, in schema `bench_raw`: the DDL is read from our own
 * migration files, so the raw pipeline's columns, keys and indexes are ours by construction.
 * Left out on purpose: `outbox`/`outbox_lease` (the raw pipeline publishes after COMMIT
 * instead, see pipeline.mjs), and tables a send never touches (`service_instances`,
 * `device_receipts`, `user_event_floors`).
 *
 * The statements in pipeline.mjs name tables unqualified, exactly as our repositories do;
 * the connection's `search_path` points them (and these unqualified CREATEs) here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCHEMA = 'bench_raw';

const MIGRATIONS = {
  'apps/chat-service/src/database/migrations': [
    '002-create-chats.sql',
    '003-create-chat-members.sql',
    '004-chat-members-user-id-idx.sql',
    '005-create-messages.sql',
    '006-messages-chat-id-seq-key.sql',
    '007-messages-client-message-id-key.sql',
    '008-create-blocks.sql', // read by every send to a private chat
    '009-create-processed-commands.sql',
    '011-processed-commands-processed-at-idx.sql',
  ],
  'libs/event-log/src/migrations': [
    '001-create-user-event-heads.sql',
    '002-create-user-events.sql',
    '003-user-events-created-at-idx.sql',
  ],
};

const root = new URL('../../', import.meta.url);

/** One statement per migration file, as the services' Migrator runs them. */
export const DDL = [
  `CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`,
  ...Object.entries(MIGRATIONS).flatMap(([dir, files]) =>
    files.map((file) => readFileSync(fileURLToPath(new URL(`${dir}/${file}`, root)), 'utf8')),
  ),
];
