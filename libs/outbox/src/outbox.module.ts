import { DynamicModule, Global, Module } from '@nestjs/common';
import { MigrationSet } from '@chat/db';
import { join } from 'node:path';
import { outboxConfigFromEnv } from './outbox.config';
import { OUTBOX_CONFIG } from './outbox.tokens';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';
import { PartitionOutbox } from './partition-outbox';

/**
 * The outbox's tables (`outbox`, `outbox_lease`): every service using the outbox has its
 * own, in its own schema, by listing these in its `DbModule` migrations.
 */
export const OUTBOX_MIGRATIONS: MigrationSet = { name: 'outbox', dir: join(__dirname, 'migrations') };

/**
 * The transactional outbox for a service that imports `DbModule` (with OUTBOX_MIGRATIONS)
 * and `KafkaModule`: the writer, the partition outbox and the relay.
 */
@Global()
@Module({})
export class OutboxModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: OutboxModule,
      providers: [
        { provide: OUTBOX_CONFIG, useValue: outboxConfigFromEnv(env) },
        OutboxRelay,
        OutboxWriter,
        PartitionOutbox,
      ],
      exports: [OutboxWriter, OutboxRelay, PartitionOutbox],
    };
  }
}
