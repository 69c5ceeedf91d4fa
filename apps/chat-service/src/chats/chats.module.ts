import { Module } from '@nestjs/common';
import { commandHandlersIn } from '@chat/commands';
import { join } from 'node:path';
import { CommandBatchMetrics } from './commands/batch/command-batch.metrics';
import { CommandBatchProcessor } from './commands/batch/command-batch.processor';
import { ChatCommandsMessageController } from './commands/chat-commands.message.controller';
import { BlocksRepository } from './database/blocks.repository';
import { ChatsRepository } from './database/chats.repository';
import { DeliveryRepository } from './database/delivery.repository';
import { MembersRepository } from './database/members.repository';
import { MessagesRepository } from './database/messages.repository';
import { SendBatchRepository } from './database/send-batch.repository';
import { UserBlockEventsPublisher } from './events/user-block-events.publisher';

/**
 * Chats on the worker side: applies `chat.commands` to the chat tables and stores the
 * resulting events in the members' logs. Each command is a folder under `commands/` whose
 * `*.handler.ts` declares `@HandlesCommand(Type)`; they are all loaded from there.
 * Needs `DbModule`, `KafkaModule`, `OutboxModule`, `EventLogOwnerModule` and `CommandsModule`.
 */
@Module({
  controllers: [ChatCommandsMessageController],
  providers: [
    ...commandHandlersIn(join(__dirname, 'commands')),
    CommandBatchProcessor,
    CommandBatchMetrics,
    ChatsRepository,
    MembersRepository,
    MessagesRepository,
    BlocksRepository,
    DeliveryRepository,
    SendBatchRepository,
    UserBlockEventsPublisher,
  ],
})
export class ChatsModule {}
