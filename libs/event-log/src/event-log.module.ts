import { DynamicModule, Global, Module, OnModuleInit } from '@nestjs/common';
import { Database, runMigrations } from '@chat/db';
import { join } from 'node:path';
import { eventLogConfigFromEnv } from './event-log.config';
import { EventLogPruner } from './event-log.pruner';
import { EventLogReader } from './event-log.reader';
import { EVENT_LOG_CONFIG } from './event-log.tokens';
import { EventLogWriter } from './event-log.writer';

/** Options of `EventLogModule.forRoot`. */
export interface EventLogModuleOptions {
  /** Whether this service removes expired events (the workers do; the gateway only reads). */
  prune: boolean;
}

/**
 * Users' event logs (API.md "Catching up") for a service that imports `DbModule`,
 * `KafkaModule` and `OutboxModule`: the tables (migrated here, shared by every service
 * using them), the writer the workers use, the reader the gateway uses, and retention.
 */
@Global()
@Module({})
export class EventLogModule implements OnModuleInit {
  constructor(private readonly db: Database) {}

  static forRoot(options: EventLogModuleOptions, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: EventLogModule,
      providers: [
        { provide: EVENT_LOG_CONFIG, useValue: eventLogConfigFromEnv(env) },
        EventLogWriter,
        EventLogReader,
        ...(options.prune ? [EventLogPruner] : []),
      ],
      exports: [EventLogWriter, EventLogReader, EVENT_LOG_CONFIG],
    };
  }

  async onModuleInit(): Promise<void> {
    await runMigrations(this.db, 'event-log', join(__dirname, 'migrations'));
  }
}
