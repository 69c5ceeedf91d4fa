import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  AckDelivery,
  AddChatMember,
  BlockUser,
  CHAT_COMMANDS,
  ChatupOpenChat,
  CreateGroupChat,
  CreatePrivateChat,
  DeleteMessage,
  EditMessage,
  Envelope,
  MarkChatRead,
  RemoveChatMember,
  SendMessage,
  TOPICS,
  topicName,
  UnblockUser,
} from '@chat/contracts';
import { assignedPattern, batchPattern, EnvelopeContext, InjectKafkaConfig, KafkaConfig } from '@chat/kafka';
import { PartitionOutbox } from '@chat/outbox';
import { AckDeliveryHandler } from './ack-delivery/ack-delivery.handler';
import { AddChatMemberHandler } from './add-chat-member/add-chat-member.handler';
import { CommandBatchProcessor, CommandRoute } from './batch/command-batch.processor';
import { BlockUserHandler } from './block-user/block-user.handler';
import { CreateGroupChatHandler } from './create-group-chat/create-group-chat.handler';
import { CreatePrivateChatHandler } from './create-private-chat/create-private-chat.handler';
import { DeleteMessageHandler } from './delete-message/delete-message.handler';
import { EditMessageHandler } from './edit-message/edit-message.handler';
import { MarkChatReadHandler } from './mark-chat-read/mark-chat-read.handler';
import { OpenChatupChatHandler } from './open-chatup-chat/open-chatup-chat.handler';
import { RemoveChatMemberHandler } from './remove-chat-member/remove-chat-member.handler';
import { UnblockUserHandler } from './unblock-user/unblock-user.handler';

/** The chat command types the batch runs (the consumer's `batch.types`). */
export const BATCHED_CHAT_COMMANDS = [...CHAT_COMMANDS, ChatupOpenChat];

const byChat = (payload: Record<string, unknown>) => payload.chatId as string;
const byActor = (payload: Record<string, unknown>) => payload.actorId as string;

/**
 * Takes `chat.commands` in runs from each partition (see CommandBatchProcessor) and tells
 * the partition outbox which partitions this instance owns. Chat commands' pushes are keyed
 * by the chat, user commands' by the actor, as the commands themselves are.
 */
@Controller()
export class ChatCommandsMessageController {
  private readonly routes: ReadonlyMap<string, CommandRoute>;
  private readonly topic: string;

  constructor(
    private readonly batches: CommandBatchProcessor,
    private readonly outbox: PartitionOutbox,
    @InjectKafkaConfig() kafka: KafkaConfig,
    createPrivate: CreatePrivateChatHandler,
    createGroup: CreateGroupChatHandler,
    addMember: AddChatMemberHandler,
    removeMember: RemoveChatMemberHandler,
    editMessage: EditMessageHandler,
    deleteMessage: DeleteMessageHandler,
    markRead: MarkChatReadHandler,
    blockUser: BlockUserHandler,
    unblockUser: UnblockUserHandler,
    ackDelivery: AckDeliveryHandler,
    openChatupChat: OpenChatupChatHandler,
  ) {
    this.topic = topicName(kafka.prefix, TOPICS.chatCommands);
    const route = (handler: CommandRoute['handler'], pushKey = byChat, more: Partial<CommandRoute> = {}) => ({
      handler,
      pushKey,
      ...more,
    });
    this.routes = new Map<string, CommandRoute>([
      [CreatePrivateChat.type, route(createPrivate)],
      [CreateGroupChat.type, route(createGroup)],
      [AddChatMember.type, route(addMember)],
      [RemoveChatMember.type, route(removeMember)],
      // Sends run set-based in the processor; the route says how they are keyed.
      [SendMessage.type, route({ execute: () => Promise.reject(new Error('sends run set-based')) })],
      [EditMessage.type, route(editMessage)],
      [DeleteMessage.type, route(deleteMessage)],
      [MarkChatRead.type, route(markRead)],
      [BlockUser.type, route(blockUser, byActor)],
      [UnblockUser.type, route(unblockUser, byActor)],
      [AckDelivery.type, route(ackDelivery, byActor, { claims: false, answers: false })],
      // A ChatUp match: the worker that claimed it asks for the pair's private chat.
      [ChatupOpenChat.type, route(openChatupChat, byChat, { answers: false })],
    ]);
  }

  @EventPattern(batchPattern(TOPICS.chatCommands))
  onCommands(
    @Payload() commands: Envelope<Record<string, unknown>>[],
    @Ctx() context: EnvelopeContext,
  ): Promise<void> {
    return this.batches.process(commands, shardOf(context.getTopic(), context.getPartition()), this.routes);
  }

  /** Publishes what the partitions' previous owners committed and did not publish. */
  @EventPattern(assignedPattern(TOPICS.chatCommands))
  onAssigned(@Payload() partitions: number[]): Promise<void> {
    return this.outbox.takeOver(partitions.map((p) => shardOf(this.topic, p)));
  }
}

/** The outbox shard of a partition: its records are published by whoever owns it. */
function shardOf(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}
