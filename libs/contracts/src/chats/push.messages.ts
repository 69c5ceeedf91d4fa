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
import { fieldChecker, Rules } from '../validation/field-rules';

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

const checkRecipient = fieldChecker({
  userId: { rules: [Rules.isUuid('userId must be a UUID')] },
  seq: { optional: true, rules: [Rules.min(1), Rules.isInt()] },
});
const checkPushFields = fieldChecker({
  type: { rules: [Rules.length(1, 64), Rules.isString()] },
  data: { rules: [Rules.isObject()] },
  recipients: { rules: [Rules.arrayOfSize(1, PUSH_MAX_RECIPIENTS)] },
  ts: { rules: [Rules.isIso8601Strict()] },
});

/** Every gateway parses every push it delivers: checked without class-validator (MessageType.check). */
function checkPush(payload: Record<string, unknown>): string[] | undefined {
  const problems = checkPushFields(payload) ?? [];
  const recipients = Array.isArray(payload.recipients) ? (payload.recipients as unknown[]) : [];
  recipients.forEach((recipient, i) => {
    if (typeof recipient !== 'object' || recipient === null || Array.isArray(recipient)) {
      problems.push(`recipients.${i}: nested property recipients must be either object or array`);
      return;
    }
    for (const problem of checkRecipient(recipient as Record<string, unknown>) ?? [])
      problems.push(`recipients.${i}.${problem}`);
  });
  return problems.length > 0 ? problems : undefined;
}

export const PushDeliver = defineMessage('push.deliver', 1, PushPayload, checkPush);
