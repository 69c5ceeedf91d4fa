import { DynamicModule, Module } from '@nestjs/common';
import { CommandsModule } from '@chat/commands';
import { CHAT_COMMANDS } from '@chat/contracts';
import { DbModule } from '@chat/db';
import { EventLogModule, EventLogWriter } from '@chat/event-log';
import { KafkaConfig, KafkaModule } from '@chat/kafka';
import { HealthModule } from '@chat/observability';
import { OutboxModule } from '@chat/outbox';
import { join } from 'node:path';
import { ChatsModule } from './chats/chats.module';
import { PresenceModule } from './presence/presence.module';

/**
 * The chat worker: consumes chat commands (competing consumers in one group), stores their
 * events in users' logs (pushed through the outbox) and fans presence out to chat peers.
 */
@Module({})
export class ChatServiceModule {
  static forRoot(kafka: KafkaConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: ChatServiceModule,
      imports: [
        KafkaModule.forRoot(kafka),
        DbModule.forRoot({
          service: 'chat-service',
          migrationsDir: join(__dirname, 'database', 'migrations'),
        }),
        OutboxModule.forRoot(env),
        // This worker writes the logs, so it also prunes them past retention.
        EventLogModule.forRoot({ prune: true }, env),
        // Outcomes go straight into the logs this worker owns.
        CommandsModule.forWorker({
          service: 'chat-service',
          answered: CHAT_COMMANDS,
          events: EventLogWriter,
        }),
        HealthModule,
        ChatsModule,
        PresenceModule,
      ],
    };
  }
}
