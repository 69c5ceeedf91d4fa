import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { ChatupOpenChat } from '../chatup/chatup-open-chat.command';
import { defineMessage } from '../envelope/message-type';
import { CHAT_COMMANDS } from './chat.commands';

/** One event for users' logs, as another service asks the log's owner to store it. */
export class UserEventToAppend {
  /** An event type of API.md, e.g. `command.succeeded`, `chatup.expired`. */
  @Matches(/^[a-z]+(\.[a-z_-]+)+$/)
  type!: string;

  @IsObject()
  data!: Record<string, unknown>;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsUUID('all', { each: true })
  recipients!: string[];
}

/**
 * Payload of `user-events.append` on `chat.commands`, keyed by `actorId` (the user the
 * events are about, whose commands are keyed the same way). The event log has one writer,
 * the chat worker; the ChatUp worker writes this to its outbox in the transaction whose
 * outcome the events report, and the chat worker stores and pushes them exactly once (the
 * envelope id is claimed like a command's). No client sent it: no outcome is stored.
 */
export class AppendUserEventsPayload {
  @IsUUID()
  actorId!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @ValidateNested({ each: true })
  @Type(() => UserEventToAppend)
  events!: UserEventToAppend[];
}

export const AppendUserEvents = defineMessage('user-events.append', 1, AppendUserEventsPayload);

/** Everything the chat workers take from `chat.commands`: clients' commands and other services'. */
export const CHAT_TOPIC_COMMANDS = [...CHAT_COMMANDS, ChatupOpenChat, AppendUserEvents];
