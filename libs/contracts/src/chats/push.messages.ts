import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineMessage } from '../envelope/message-type';

/** Most recipients one `push.deliver` record may name; a larger audience takes several records. */
export const PUSH_MAX_RECIPIENTS = 5000;

/** One user a push goes to, with the event's seq in that user's log (none for ephemeral events). */
export class PushRecipient {
  @IsUUID()
  userId!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  seq?: number;
}

/**
 * Payload of `push.deliver` on `push.events`: one event for a list of users. Every gateway
 * instance reads the topic and writes the frame `{ type, seq?, data }` to the sockets it
 * holds of each recipient. Stored events are already in each recipient's log when this is
 * published (the worker's outbox), so a push missed is found again by `/sync`.
 */
export class PushPayload {
  @IsString()
  @Length(1, 64)
  type!: string;

  @IsObject()
  data!: Record<string, unknown>;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PUSH_MAX_RECIPIENTS)
  @ValidateNested({ each: true })
  @Type(() => PushRecipient)
  recipients!: PushRecipient[];

  @IsISO8601({ strict: true })
  ts!: string;
}

export const PushDeliver = defineMessage('push.deliver', 1, PushPayload);
