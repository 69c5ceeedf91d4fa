import { DynamicModule, Global, Module } from '@nestjs/common';
import { MigrationSet } from '@chat/db';
import { join } from 'node:path';
import { eventLogConfigFromEnv } from './event-log.config';
import { EventLogPruner } from './event-log.pruner';
import { EVENT_LOG_CONFIG } from './event-log.tokens';
import { EventLogWriter } from './event-log.writer';

/**
 * The event log's tables and its read contract (the `event_log_v1` views): created by the
 * one service that owns the log (the chat worker), which lists these in its `DbModule`
 * migrations.
 */
export const EVENT_LOG_MIGRATIONS: MigrationSet = { name: 'event-log', dir: join(__dirname, 'migrations') };

/**
 * Users' event logs (API.md "Catching up") in the service that owns them: the writer and
 * retention. Needs `DbModule` (with EVENT_LOG_MIGRATIONS) and `OutboxModule` for the pushes.
 */
@Global()
@Module({})
export class EventLogOwnerModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: EventLogOwnerModule,
      providers: [
        { provide: EVENT_LOG_CONFIG, useValue: eventLogConfigFromEnv(env) },
        EventLogWriter,
        EventLogPruner,
      ],
      exports: [EventLogWriter, EVENT_LOG_CONFIG],
    };
  }
}
