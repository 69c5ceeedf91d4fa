import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { BlocksHttpController } from './commands/blocks.http.controller';
import { ChatCommandPublisher } from './commands/chat-command.publisher';
import { CreateChatHttpController } from './commands/create-chat.http.controller';
import { DeliveryAcks } from './commands/delivery-acks';
import { KnownUsers } from './commands/known-users.guard';
import { MembersHttpController } from './commands/members.http.controller';
import { MessagesHttpController } from './commands/messages.http.controller';
import { ChatsReadRepository } from './database/chats-read.repository';
import { GroupGrowthLimits } from './limits/group-growth.limits';
import { ChatsHttpController } from './queries/chats.http.controller';
import { TypingRelay } from './typing/typing-relay';

/**
 * Chats in the gateway: command routes (validate, publish to `chat.commands`, `202`) and
 * queries from the read model the chat worker writes.
 */
@Module({
  imports: [UsersModule],
  controllers: [
    CreateChatHttpController,
    MembersHttpController,
    MessagesHttpController,
    BlocksHttpController,
    ChatsHttpController,
  ],
  providers: [
    ChatCommandPublisher,
    KnownUsers,
    ChatsReadRepository,
    DeliveryAcks,
    TypingRelay,
    GroupGrowthLimits,
  ],
  exports: [ChatsReadRepository, DeliveryAcks, TypingRelay],
})
export class ChatsModule {}
