import { COMMANDS_MIGRATIONS } from '@chat/commands';
import { DbModuleOptions } from '@chat/db';
import { EVENT_LOG_MIGRATIONS } from '@chat/event-log';
import { OUTBOX_MIGRATIONS } from '@chat/outbox';
import { join } from 'node:path';

/**
 * The chat worker's database: the `chat` schema holds every table it writes (its own
 * migrations, the command library's, its outbox, users' event logs), and it publishes the
 * `chat_read_v1` and `event_log_v1` views others read. It reads nobody else's tables.
 */
export const chatServiceDatabase: DbModuleOptions = {
  service: 'chat-service',
  schema: 'chat',
  migrations: [
    { name: 'chat-service', dir: join(__dirname, 'migrations') },
    COMMANDS_MIGRATIONS,
    OUTBOX_MIGRATIONS,
    EVENT_LOG_MIGRATIONS,
  ],
};
