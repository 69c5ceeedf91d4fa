import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  AckDelivery,
  AckDeliveryPayload,
  AddChatMember,
  BlockUser,
  BlockUserPayload,
  ChatMemberPayload,
  ChatupOpenChat,
  ChatupOpenChatPayload,
  CreateGroupChat,
  CreateGroupChatPayload,
  CreatePrivateChat,
  CreatePrivateChatPayload,
  DeleteMessage,
  DeleteMessagePayload,
  EditMessage,
  EditMessagePayload,
  Envelope,
  MarkChatRead,
  MarkReadPayload,
  RemoveChatMember,
  SendMessage,
  SendMessagePayload,
  UnblockUser,
} from '@chat/contracts';
import { AckDeliveryHandler } from './ack-delivery/ack-delivery.handler';
import { AddChatMemberHandler } from './add-chat-member/add-chat-member.handler';
import { BlockUserHandler } from './block-user/block-user.handler';
import { CommandProcessor } from './command.processor';
import { CreateGroupChatHandler } from './create-group-chat/create-group-chat.handler';
import { CreatePrivateChatHandler } from './create-private-chat/create-private-chat.handler';
import { DeleteMessageHandler } from './delete-message/delete-message.handler';
import { EditMessageHandler } from './edit-message/edit-message.handler';
import { MarkChatReadHandler } from './mark-chat-read/mark-chat-read.handler';
import { OpenChatupChatHandler } from './open-chatup-chat/open-chatup-chat.handler';
import { RemoveChatMemberHandler } from './remove-chat-member/remove-chat-member.handler';
import { SendMessageHandler } from './send-message/send-message.handler';
import { UnblockUserHandler } from './unblock-user/unblock-user.handler';

/**
 * Routes `chat.commands` to their handlers. Chat commands' pushes are keyed by the chat,
 * user commands' by the actor, as the commands themselves are.
 */
@Controller()
export class ChatCommandsMessageController {
  constructor(
    private readonly processor: CommandProcessor,
    private readonly createPrivate: CreatePrivateChatHandler,
    private readonly createGroup: CreateGroupChatHandler,
    private readonly addMember: AddChatMemberHandler,
    private readonly removeMember: RemoveChatMemberHandler,
    private readonly sendMessage: SendMessageHandler,
    private readonly editMessage: EditMessageHandler,
    private readonly deleteMessage: DeleteMessageHandler,
    private readonly markRead: MarkChatReadHandler,
    private readonly blockUser: BlockUserHandler,
    private readonly unblockUser: UnblockUserHandler,
    private readonly ackDelivery: AckDeliveryHandler,
    private readonly openChatupChat: OpenChatupChatHandler,
  ) {}

  @EventPattern(CreatePrivateChat.type)
  onCreatePrivate(@Payload() command: Envelope<CreatePrivateChatPayload>): Promise<void> {
    return this.processor.run(command, command.payload.chatId, this.createPrivate);
  }

  @EventPattern(CreateGroupChat.type)
  onCreateGroup(@Payload() command: Envelope<CreateGroupChatPayload>): Promise<void> {
    return this.processor.run(command, command.payload.chatId, this.createGroup);
  }

  @EventPattern(AddChatMember.type)
  onAddMember(@Payload() command: Envelope<ChatMemberPayload>): Promise<void> {
    return this.processor.run(command, command.payload.chatId, this.addMember);
  }

  @EventPattern(RemoveChatMember.type)
  onRemoveMember(@Payload() command: Envelope<ChatMemberPayload>): Promise<void> {
    return this.processor.run(command, command.payload.chatId, this.removeMember);
  }

  @EventPattern(SendMessage.type)
  onSendMessage(@Payload() command: Envelope<SendMessagePayload>): Promise<void> {
    return this.processor.run(command, command.payload.chatId, this.sendMessage);
  }

  @EventPattern(EditMessage.type)
  onEditMessage(@Payload() command: Envelope<EditMessagePayload>): Promise<void> {
    return this.processor.run(command, command.payload.chatId, this.editMessage);
  }

  @EventPattern(DeleteMessage.type)
  onDeleteMessage(@Payload() command: Envelope<DeleteMessagePayload>): Promise<void> {
    return this.processor.run(command, command.payload.chatId, this.deleteMessage);
  }

  @EventPattern(MarkChatRead.type)
  onMarkRead(@Payload() command: Envelope<MarkReadPayload>): Promise<void> {
    return this.processor.run(command, command.payload.chatId, this.markRead);
  }

  @EventPattern(BlockUser.type)
  onBlockUser(@Payload() command: Envelope<BlockUserPayload>): Promise<void> {
    return this.processor.run(command, command.payload.actorId, this.blockUser);
  }

  @EventPattern(UnblockUser.type)
  onUnblockUser(@Payload() command: Envelope<BlockUserPayload>): Promise<void> {
    return this.processor.run(command, command.payload.actorId, this.unblockUser);
  }

  @EventPattern(AckDelivery.type)
  onAckDelivery(@Payload() command: Envelope<AckDeliveryPayload>): Promise<void> {
    return this.ackDelivery.handle(command);
  }

  /** A ChatUp match: the worker that claimed it asks for the pair's private chat. */
  @EventPattern(ChatupOpenChat.type)
  onChatupOpenChat(@Payload() command: Envelope<ChatupOpenChatPayload>): Promise<void> {
    return this.openChatupChat.handle(command);
  }
}
