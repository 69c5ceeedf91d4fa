import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { defineMessage } from '../envelope/message-type';
import { CHATUP_LIMITS } from './chatup-limits';

/** One side of a match, as the other side is told about them. */
export class ChatupMatchedUser {
  @IsUUID()
  id!: string;

  @Matches(/^[a-z0-9_]{3,32}$/)
  username!: string;

  @IsString()
  @Length(1, 64)
  displayName!: string;

  /** The tags this user asked to be matched on. */
  @IsArray()
  @ArrayMaxSize(CHATUP_LIMITS.tagsMax)
  @IsString({ each: true })
  @Length(1, CHATUP_LIMITS.tagLengthMax, { each: true })
  tags!: string[];
}

/**
 * Payload of `chatup.open-chat` on `chat.commands`, keyed by `chatId`
 * (`privateChatId` of the two users). Sent by the ChatUp worker through its outbox in the
 * transaction that claimed the match; the chat worker opens (or reuses) the private chat,
 * tells both users `chatup.matched` and answers the request that made the match
 * (`requestId`, from `users[0]`) `command.succeeded { status: 'matched' }`. Dead-lettered,
 * that request is answered `command.failed` and the partner `chatup.cancelled`
 * (`reason: 'failed'`) instead. No client sent this record itself: it has no outcome.
 */
export class ChatupOpenChatPayload {
  /** Id of the match (used as the envelope id too, so a republished record is one command). */
  @IsUUID()
  matchId!: string;

  @IsUUID()
  chatId!: string;

  /**
   * The command id of the `chatup.request` that made the match (its actor is `users[0]`),
   * whose outcome this record carries; and the request the partner (`users[1]`) was
   * waiting with. Absent in records from before they were added: then the ChatUp worker
   * answered the request itself.
   */
  @IsOptional()
  @IsUUID()
  requestId?: string;

  @IsOptional()
  @IsUUID()
  partnerRequestId?: string;

  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(2)
  @ValidateNested({ each: true })
  @Type(() => ChatupMatchedUser)
  users!: ChatupMatchedUser[];

  @IsArray()
  @ArrayMaxSize(CHATUP_LIMITS.tagsMax)
  @IsString({ each: true })
  @Length(1, CHATUP_LIMITS.tagLengthMax, { each: true })
  commonTags!: string[];
}

export const ChatupOpenChat = defineMessage('chatup.open-chat', 1, ChatupOpenChatPayload);
