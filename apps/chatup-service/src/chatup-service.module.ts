import { DynamicModule, Module } from '@nestjs/common';
import { CommandsModule } from '@chat/commands';
import { CHATUP_COMMANDS } from '@chat/contracts';
import { DbModule } from '@chat/db';
import { KafkaModule } from '@chat/kafka';
import { PlatformModule, PlatformOptions } from '@chat/runtime';
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
  static forRoot(platform: PlatformOptions): DynamicModule {
    const { kafka, env } = platform;
    return {
      module: ChatupServiceModule,
      imports: [
        KafkaModule.forRoot(kafka),
        DbModule.forRoot(chatupServiceDatabase, env),
        OutboxModule.forRoot(env),
        CommandsModule.forWorker({
          service: 'chatup-service',
          answered: CHATUP_COMMANDS,
          events: ForwardedUserEvents,
        }),
        ChatupModule.forRoot(env),
        // Last: its log shipping starts after, and stops after, the modules above.
        PlatformModule.forService(platform),
      ],
    };
  }
}
