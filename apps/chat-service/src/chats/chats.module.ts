import { Module } from '@nestjs/common';
import { AckDeliveryHandler } from './commands/ack-delivery/ack-delivery.handler';
import { AddChatMemberHandler } from './commands/add-chat-member/add-chat-member.handler';
import { BlockUserHandler } from './commands/block-user/block-user.handler';
import { ChatCommandsMessageController } from './commands/chat-commands.message.controller';
import { CommandProcessor } from './commands/command.processor';
import { CreateGroupChatHandler } from './commands/create-group-chat/create-group-chat.handler';
import { CreatePrivateChatHandler } from './commands/create-private-chat/create-private-chat.handler';
import { DeleteMessageHandler } from './commands/delete-message/delete-message.handler';
import { EditMessageHandler } from './commands/edit-message/edit-message.handler';
import { MarkChatReadHandler } from './commands/mark-chat-read/mark-chat-read.handler';
import { OpenChatupChatHandler } from './commands/open-chatup-chat/open-chatup-chat.handler';
import { RemoveChatMemberHandler } from './commands/remove-chat-member/remove-chat-member.handler';
import { SendMessagesBatch } from './commands/send-message/send-messages.batch';
import { CommandBatchProcessor } from './commands/batch/command-batch.processor';
import { CommandBatchMetrics } from './commands/batch/command-batch.metrics';
import { SendBatchRepository } from './database/send-batch.repository';
import { UnblockUserHandler } from './commands/unblock-user/unblock-user.handler';
import { DeadLetteredCommandsConsumer } from './dead-letters/dead-lettered-commands.consumer';
import { BlocksRepository } from './database/blocks.repository';
import { ChatsRepository } from './database/chats.repository';
import { DeliveryRepository } from './database/delivery.repository';
import { MembersRepository } from './database/members.repository';
import { MessagesRepository } from './database/messages.repository';
import { ProcessedCommandsPruner } from './database/processed-commands.pruner';
import { ProcessedCommandsRepository } from './database/processed-commands.repository';
import { UserBlockEventsPublisher } from './events/user-block-events.publisher';

/**
 * Chats on the worker side: applies `chat.commands` to the chat tables (which the gateway
 * reads for its queries) and stores the resulting events in the members' logs.
 * Needs `DbModule`, `KafkaModule`, `OutboxModule` and `EventLogModule` from the root.
 */
@Module({
  controllers: [ChatCommandsMessageController],
  providers: [
    CommandProcessor,
    ProcessedCommandsRepository,
    ProcessedCommandsPruner,
    ChatsRepository,
    MembersRepository,
    MessagesRepository,
    BlocksRepository,
    DeliveryRepository,
    CreatePrivateChatHandler,
    CreateGroupChatHandler,
    AddChatMemberHandler,
    RemoveChatMemberHandler,
    SendMessagesBatch,
    SendBatchRepository,
    CommandBatchProcessor,
    CommandBatchMetrics,
    EditMessageHandler,
    DeleteMessageHandler,
    MarkChatReadHandler,
    BlockUserHandler,
    UnblockUserHandler,
    AckDeliveryHandler,
    OpenChatupChatHandler,
    UserBlockEventsPublisher,
    DeadLetteredCommandsConsumer,
  ],
})
export class ChatsModule {}
