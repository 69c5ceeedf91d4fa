import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { Database, runMigrations } from '@chat/db';
import { join } from 'node:path';
import { outboxConfigFromEnv } from './outbox.config';
import { OUTBOX_CONFIG } from './outbox.tokens';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';
import { PartitionOutbox } from './partition-outbox';

/**
 * The transactional outbox for a service that imports `DbModule` and `KafkaModule`: its
 * table (migrated here, shared by every service using it), the writer and the relay.
 */
@Global()
@Module({})
export class OutboxModule implements OnModuleInit {
  constructor(private readonly db: Database) {}

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

  async onModuleInit(): Promise<void> {
    await runMigrations(this.db, 'outbox', join(__dirname, 'migrations'));
  }
}
