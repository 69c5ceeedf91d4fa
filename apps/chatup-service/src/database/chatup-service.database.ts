import { COMMANDS_MIGRATIONS } from '@chat/commands';
import { DbModuleOptions } from '@chat/db';
import { OUTBOX_MIGRATIONS } from '@chat/outbox';
import { join } from 'node:path';

/**
 * The ChatUp worker's database: the `chatup` schema holds its pool, its projections of
 * users and blocks, the command library's tables and its outbox. It reads nobody else's
 * tables: what it knows of users and blocks comes from their events.
 */
export const chatupServiceDatabase: DbModuleOptions = {
  service: 'chatup-service',
  schema: 'chatup',
  migrations: [
    { name: 'chatup-service', dir: join(__dirname, 'migrations') },
    COMMANDS_MIGRATIONS,
    OUTBOX_MIGRATIONS,
  ],
};
