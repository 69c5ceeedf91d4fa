import { DynamicModule, Module } from '@nestjs/common';
import { CommandsModule } from '@chat/commands';
import { CHATUP_COMMANDS } from '@chat/contracts';
import { DbModule } from '@chat/db';
import { KafkaConfig, KafkaModule } from '@chat/kafka';
import { HealthModule } from '@chat/observability';
import { OutboxModule } from '@chat/outbox';
import { ChatupModule } from './chatup/chatup.module';
import { ForwardedUserEvents } from './chatup/events/forwarded-user-events';
import { chatupServiceDatabase } from './database/chatup-service.database';

/**
 * The ChatUp worker: consumes ChatUp commands (competing consumers in one group) against
 * its waiting pool, projects users and blocks from user events, and has its outcomes stored
 * in users' logs by the chat worker (through its outbox, as is the `chatup.open-chat` of a
 * match). Its tables live in the `chatup` schema.
 */
@Module({})
export class ChatupServiceModule {
  static forRoot(kafka: KafkaConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: ChatupServiceModule,
      imports: [
        KafkaModule.forRoot(kafka),
        DbModule.forRoot(chatupServiceDatabase),
        OutboxModule.forRoot(env),
        CommandsModule.forWorker({
          service: 'chatup-service',
          answered: CHATUP_COMMANDS,
          events: ForwardedUserEvents,
        }),
        HealthModule,
        ChatupModule.forRoot(env),
      ],
    };
  }
}
