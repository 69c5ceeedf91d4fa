import { READ_CONTRACTS } from '@chat/contracts';
import { DbModuleOptions } from '@chat/db';
import { OUTBOX_MIGRATIONS } from '@chat/outbox';
import { join } from 'node:path';

/**
 * The gateway's database: the `gateway` schema holds users, logins, connections and its
 * outbox. Of the chat worker's data it reads only the views of two read contracts, for
 * its chat queries and for /sync.
 */
export const apiGatewayDatabase: DbModuleOptions = {
  service: 'api-gateway',
  schema: 'gateway',
  reads: [READ_CONTRACTS.chats, READ_CONTRACTS.eventLog],
  migrations: [{ name: 'api-gateway', dir: join(__dirname, 'migrations') }, OUTBOX_MIGRATIONS],
};
