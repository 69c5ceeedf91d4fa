import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEnvelope,
  Envelope,
  PushDeliver,
  PushPayload,
  TOPICS,
  UserStatusPayload,
} from '@chat/contracts';
import { EnvelopeProducer } from '@chat/kafka';
import { ChatPeersRepository } from '../database/chat-peers.repository';

/** Most recipients one `push.deliver` record may name (the contract's limit). */
const MAX_RECIPIENTS = 5000;

/**
 * `user.status` → `presence.changed { userId, status, lastSeenAt }` for the users who share
 * a chat with that user. Presence is ephemeral: no log entry and no seq, published straight
 * to `push.events` keyed by the user (a redelivered status is pushed again, harmlessly).
 * The user's own sockets are left out: the gateway pushes to those itself.
 */
@Injectable()
export class FanOutPresenceHandler {
  constructor(
    private readonly peers: ChatPeersRepository,
    private readonly producer: EnvelopeProducer,
  ) {}

  async handle(event: Envelope<UserStatusPayload>): Promise<void> {
    const { userId, status, lastSeenAt } = event.payload;
    const peers = await this.peers.peersOf(userId);
    const ts = new Date().toISOString();
    // One record, unless the user's chats hold more peers than a record may name.
    for (let from = 0; from < peers.length; from += MAX_RECIPIENTS) {
      const payload: PushPayload = {
        type: 'presence.changed',
        data: { userId, status, lastSeenAt: lastSeenAt ?? null },
        recipients: peers.slice(from, from + MAX_RECIPIENTS).map((peer) => ({ userId: peer })),
        ts,
      };
      const push = createEnvelope(PushDeliver.type, PushDeliver.version, payload, causedBy(event));
      await this.producer.publish(TOPICS.pushEvents, userId, push);
    }
  }
}
