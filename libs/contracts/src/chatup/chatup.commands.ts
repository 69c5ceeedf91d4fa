import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, Length, Matches } from 'class-validator';
import { defineMessage } from '../envelope/message-type';
import { CHATUP_LIMITS } from './chatup-limits';

/**
 * Commands on `chatup.commands`, keyed by the actor's user id so one user's ChatUp commands
 * stay in order. The envelope id is the command id the client got in its `202`.
 */
export class ChatupRequestPayload {
  @IsUUID()
  actorId!: string;

  /**
   * The actor's public profile when they asked. The ChatUp worker prefers its own projection
   * (`user.registered`/`user.updated`), but that arrives on another topic and may lag a
   * request made right after sign-up; waiting for it would stall the consumer.
   */
  @Matches(/^[a-z0-9_]{3,32}$/)
  username!: string;

  @IsString()
  @Length(1, 64)
  displayName!: string;

  /** The interests to match on: trimmed, lower-cased and unique (the gateway normalises them). */
  @IsArray()
  @ArrayMinSize(CHATUP_LIMITS.tagsMin)
  @ArrayMaxSize(CHATUP_LIMITS.tagsMax)
  @IsString({ each: true })
  @Length(1, CHATUP_LIMITS.tagLengthMax, { each: true })
  tags!: string[];
}

export class ChatupCancelPayload {
  @IsUUID()
  actorId!: string;
}

/** Join the waiting pool, or be matched at once with the best waiting partner. */
export const ChatupRequest = defineMessage('chatup.request', 1, ChatupRequestPayload);
/** Leave the waiting pool. */
export const ChatupCancel = defineMessage('chatup.cancel', 1, ChatupCancelPayload);

export const CHATUP_COMMANDS = [ChatupRequest, ChatupCancel];
