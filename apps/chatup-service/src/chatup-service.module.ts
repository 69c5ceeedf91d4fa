import { DynamicModule, Module } from '@nestjs/common';
import { CommandsModule } from '@chat/commands';
import { CHATUP_COMMANDS } from '@chat/contracts';
import { DbModule } from '@chat/db';
import { EventLogModule, EventLogWriter } from '@chat/event-log';
import { KafkaConfig, KafkaModule } from '@chat/kafka';
import { HealthModule } from '@chat/observability';
import { OutboxModule } from '@chat/outbox';
import { join } from 'node:path';
import { ChatupModule } from './chatup/chatup.module';

/**
 * The ChatUp worker: consumes ChatUp commands (competing consumers in one group) against
 * its waiting pool, projects users and blocks from user events, and stores its outcomes in
 * users' logs (pushed through the outbox, as is the `chatup.open-chat` of a match).
 */
@Module({})
export class ChatupServiceModule {
  static forRoot(kafka: KafkaConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: ChatupServiceModule,
      imports: [
        KafkaModule.forRoot(kafka),
        DbModule.forRoot({
          service: 'chatup-service',
          migrationsDir: join(__dirname, 'database', 'migrations'),
        }),
        OutboxModule.forRoot(env),
        // The chat workers prune the logs; this one only appends.
        EventLogModule.forRoot({ prune: false }, env),
        CommandsModule.forWorker({
          service: 'chatup-service',
          answered: CHATUP_COMMANDS,
          events: EventLogWriter,
        }),
        HealthModule,
        ChatupModule.forRoot(env),
      ],
    };
  }
}
