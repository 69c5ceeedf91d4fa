import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Length,
  Min,
} from 'class-validator';
import { defineMessage } from '../envelope/message-type';
import { fieldChecker, Rules } from '../validation/field-rules';
import { CHAT_LIMITS, MESSAGE_KINDS, MessageKind } from './chat-limits';

/**
 * Commands on `chat.commands`. The envelope id is the command id the client got in its
 * `202`; `actorId` is the user the gateway authenticated. Chat commands are keyed by chat
 * id, block commands by the actor's id, so each stays in order.
 */
abstract class ActorCommand {
  @IsUUID()
  actorId!: string;
}

export class CreatePrivateChatPayload extends ActorCommand {
  /** Derived from the two user ids (`privateChatId`), so asking again names the same chat. */
  @IsUUID()
  chatId!: string;

  @IsUUID()
  userId!: string;
}

export class CreateGroupChatPayload extends ActorCommand {
  /** Chosen by the gateway, so the command can be keyed by it. */
  @IsUUID()
  chatId!: string;

  @IsString()
  @Length(1, CHAT_LIMITS.groupNameMax)
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHAT_LIMITS.groupMembersMax)
  @IsUUID('all', { each: true })
  memberIds!: string[];
}

export class ChatMemberPayload extends ActorCommand {
  @IsUUID()
  chatId!: string;

  @IsUUID()
  userId!: string;
}

export class SendMessagePayload extends ActorCommand {
  @IsUUID()
  chatId!: string;

  @IsUUID()
  clientMessageId!: string;

  @IsString()
  @Length(1, CHAT_LIMITS.contentMax)
  content!: string;

  @IsIn(MESSAGE_KINDS)
  kind!: MessageKind;
}

export class EditMessagePayload extends ActorCommand {
  @IsUUID()
  chatId!: string;

  @IsUUID()
  messageId!: string;

  @IsString()
  @Length(1, CHAT_LIMITS.contentMax)
  content!: string;
}

export class DeleteMessagePayload extends ActorCommand {
  @IsUUID()
  chatId!: string;

  @IsUUID()
  messageId!: string;
}

export class MarkReadPayload extends ActorCommand {
  @IsUUID()
  chatId!: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  seq!: number;
}

export class BlockUserPayload extends ActorCommand {
  @IsUUID()
  userId!: string;
}

/** A device received the caller's events up to `seq` (the per-user event seq). Keyed by the actor. */
export class AckDeliveryPayload extends ActorCommand {
  @IsString()
  @Length(1, 64)
  deviceId!: string;

  @IsInt()
  @Min(1)
  seq!: number;
}

export const CreatePrivateChat = defineMessage('chat.create-private', 1, CreatePrivateChatPayload);
export const CreateGroupChat = defineMessage('chat.create-group', 1, CreateGroupChatPayload);
export const AddChatMember = defineMessage('chat.add-member', 1, ChatMemberPayload);
export const RemoveChatMember = defineMessage('chat.remove-member', 1, ChatMemberPayload);
/** The hottest command: checked without class-validator (see MessageType.check). */
const checkSendMessage = fieldChecker({
  actorId: { rules: [Rules.isUuid('actorId must be a UUID')] },
  chatId: { rules: [Rules.isUuid('chatId must be a UUID')] },
  clientMessageId: { rules: [Rules.isUuid('clientMessageId must be a UUID')] },
  content: { rules: [Rules.length(1, CHAT_LIMITS.contentMax), Rules.isString()] },
  kind: { rules: [Rules.isIn(MESSAGE_KINDS)] },
});

export const SendMessage = defineMessage('message.send', 1, SendMessagePayload, checkSendMessage);
export const EditMessage = defineMessage('message.edit', 1, EditMessagePayload);
export const DeleteMessage = defineMessage('message.delete', 1, DeleteMessagePayload);
export const MarkChatRead = defineMessage('chat.mark-read', 1, MarkReadPayload);
export const BlockUser = defineMessage('user.block', 1, BlockUserPayload);
export const UnblockUser = defineMessage('user.unblock', 1, BlockUserPayload);
export const AckDelivery = defineMessage('delivery.ack', 1, AckDeliveryPayload);

export const CHAT_COMMANDS = [
  CreatePrivateChat,
  CreateGroupChat,
  AddChatMember,
  RemoveChatMember,
  SendMessage,
  EditMessage,
  DeleteMessage,
  MarkChatRead,
  BlockUser,
  UnblockUser,
  AckDelivery,
];
