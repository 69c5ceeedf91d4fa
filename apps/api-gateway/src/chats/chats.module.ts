import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { httpControllersIn } from '../use-case-folders';
import { UsersModule } from '../users/users.module';
import { DeliveryAcks } from './commands/ack-delivery/delivery-acks';
import { ChatCommandPublisher } from './commands/shared/chat-command.publisher';
import { KnownUsers } from './commands/shared/known-users.guard';
import { ChatsReadRepository } from './database/chats-read.repository';
import { GroupGrowthLimits } from './limits/group-growth.limits';
import { TypingRelay } from './typing/typing-relay';

/**
 * Chats in the gateway: command routes (validate, publish to `chat.commands`, `202`) and
 * queries from the read model the chat worker writes. Each route is a folder under
 * `commands/` or `queries/` with its `*.http.controller.ts`, loaded from there; the
 * providers below are the ones several use cases (or other modules) share.
 */
@Module({
  imports: [UsersModule],
  controllers: httpControllersIn(join(__dirname, 'commands'), join(__dirname, 'queries')),
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
