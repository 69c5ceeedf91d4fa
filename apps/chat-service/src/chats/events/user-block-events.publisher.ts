import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  EnvelopeOrigin,
  TOPICS,
  UserBlocked,
  UserBlockPayload,
  UserUnblocked,
} from '@chat/contracts';
import { TxClient } from '@chat/db';
import { OutboxWriter } from '@chat/outbox';

/**
 * Publishes `user.blocked` / `user.unblocked` on `user.events` (keyed by the blocker) for
 * the ChatUp worker's blocks projection. Written to the outbox in the transaction that
 * changes `blocks`, so the event exists if and only if the change committed.
 */
@Injectable()
export class UserBlockEventsPublisher {
  constructor(private readonly outbox: OutboxWriter) {}

  blocked(tx: TxClient, block: UserBlockPayload, cause: EnvelopeOrigin): Promise<void> {
    const envelope = createEnvelope(UserBlocked.type, UserBlocked.version, block, cause);
    return this.outbox.add(tx, TOPICS.userEvents, block.blockerId, envelope);
  }

  unblocked(tx: TxClient, block: UserBlockPayload, cause: EnvelopeOrigin): Promise<void> {
    const envelope = createEnvelope(UserUnblocked.type, UserUnblocked.version, block, cause);
    return this.outbox.add(tx, TOPICS.userEvents, block.blockerId, envelope);
  }
}
