import { Injectable } from '@nestjs/common';
import {
  causedBy,
  Envelope,
  ephemeralPush,
  PUSH_MAX_RECIPIENTS,
  TOPICS,
  UserStatusPayload,
} from '@chat/contracts';
import { EnvelopeProducer } from '@chat/kafka';
import { ChatPeersRepository } from '../database/chat-peers.repository';

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
    for (let from = 0; from < peers.length; from += PUSH_MAX_RECIPIENTS) {
      const push = ephemeralPush(
        peers.slice(from, from + PUSH_MAX_RECIPIENTS),
        'presence.changed',
        { userId, status, lastSeenAt: lastSeenAt ?? null },
        causedBy(event),
        ts,
      );
      await this.producer.publish(TOPICS.pushEvents, userId, push);
    }
  }
}
