import { DynamicModule, Module } from '@nestjs/common';
import { CommandsModule } from '@chat/commands';
import { CHAT_TOPIC_COMMANDS } from '@chat/contracts';
import { DbModule } from '@chat/db';
import { EventLogOwnerModule, EventLogWriter } from '@chat/event-log';
import { KafkaModule } from '@chat/kafka';
import { PlatformModule, PlatformOptions } from '@chat/runtime';
import { OutboxModule } from '@chat/outbox';
import { ChatsModule } from './chats/chats.module';
import { PresenceModule } from './presence/presence.module';
import { chatServiceDatabase } from './database/chat-service.database';

/**
 * The chat worker: consumes chat commands (competing consumers in one group), stores their
 * events in users' logs (pushed through the outbox) and fans presence out to chat peers.
 * Its tables live in the `chat` schema; it publishes the `chat_read_v1` and `event_log_v1`
 * views other services read.
 */
@Module({})
export class ChatServiceModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    const { kafka, env } = platform;
    return {
      module: ChatServiceModule,
      imports: [
        KafkaModule.forRoot(kafka),
        DbModule.forRoot(chatServiceDatabase, env),
        OutboxModule.forRoot(env),
        // The one writer of users' event logs: it stores, pushes and prunes them.
        EventLogOwnerModule.forRoot(env),
        CommandsModule.forWorker({
          service: 'chat-service',
          answered: CHAT_TOPIC_COMMANDS,
          events: EventLogWriter,
        }),
        ChatsModule,
        PresenceModule,
        // Last: its log shipping starts after, and stops after, the modules above.
        PlatformModule.forService(platform),
      ],
    };
  }
}
