import { IsIn, IsInt, IsISO8601, IsString, IsUUID, Length, Min } from 'class-validator';
import { defineMessage } from '../envelope/message-type';

/** The workers a canary probes; each answers with its own name. */
export const CANARY_TARGETS = ['chat-service', 'chatup-service'] as const;
export type CanaryTarget = (typeof CANARY_TARGETS)[number];

/** Payload of `system.canary`: sent by a gateway through a worker's command topic. */
export class CanaryPingPayload {
  @IsIn(CANARY_TARGETS)
  target!: CanaryTarget;

  /** Gateway instance that waits for the reply. */
  @IsString()
  @Length(1, 100)
  replyTo!: string;

  @IsISO8601({ strict: true })
  sentAt!: string;
}

/** Payload of `system.canary.reply`: the worker's answer on the results topic. */
export class CanaryReplyPayload {
  @IsUUID()
  canaryId!: string;

  @IsIn(CANARY_TARGETS)
  service!: CanaryTarget;

  @IsString()
  @Length(1, 100)
  instanceId!: string;

  @IsString()
  @Length(1, 100)
  replyTo!: string;

  /** Time the worker spent on its database round trip, proving its SQL path. */
  @IsInt()
  @Min(0)
  dbMs!: number;
}

export const CanaryPing = defineMessage('system.canary', 1, CanaryPingPayload);
export const CanaryReply = defineMessage('system.canary.reply', 1, CanaryReplyPayload);
