import { createEnvelope, EnvelopeOrigin } from '../envelope/create-envelope';
import { Envelope } from '../envelope/envelope';
import { PushDeliver, PushPayload, PushRecipient } from './push.messages';

/**
 * The `push.deliver` envelope of one event for `recipients`: stored events name each
 * recipient's seq, ephemeral ones none. `ts` (default now) is when the event happened, so a
 * push split over several records can keep one.
 */
export function pushEnvelope(
  push: { type: string; data: Record<string, unknown>; recipients: PushRecipient[]; ts?: string },
  origin: EnvelopeOrigin,
): Envelope<PushPayload> {
  const payload: PushPayload = {
    type: push.type,
    data: push.data,
    recipients: push.recipients,
    ts: push.ts ?? new Date().toISOString(),
  };
  return createEnvelope(PushDeliver.type, PushDeliver.version, payload, origin);
}

/**
 * An ephemeral push (typing, presence): no seq, not in anybody's log, so a missed one is
 * simply gone. Published straight to `push.events`, not through the outbox.
 */
export function ephemeralPush(
  userIds: readonly string[],
  type: string,
  data: Record<string, unknown>,
  origin: EnvelopeOrigin,
  ts?: string,
): Envelope<PushPayload> {
  return pushEnvelope({ type, data, recipients: userIds.map((userId) => ({ userId })), ts }, origin);
}

/** The `x-push-recipients` header value of a push: its recipients' ids joined by `,`. */
export function pushRecipientsHeader(recipients: readonly { userId: string }[]): string {
  return recipients.map((r) => r.userId).join(',');
}
