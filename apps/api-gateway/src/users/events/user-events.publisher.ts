import { Injectable } from '@nestjs/common';
import {
  createEnvelope,
  MessageType,
  TOPICS,
  UserProfilePayload,
  UserRegistered,
  UserStatusChanged,
  UserStatusPayload,
  UserUpdated,
} from '@chat/contracts';
import { TxClient } from '@chat/db';
import { RequestContext } from '@chat/http';
import { OutboxWriter } from '@chat/outbox';
import { randomUUID } from 'node:crypto';

/**
 * Publishes user facts on `user.events` (keyed by user id) for the workers' projections.
 * Each event is written to the outbox in the transaction that changes the user, so it is
 * published if and only if the change committed.
 */
@Injectable()
export class UserEventsPublisher {
  constructor(private readonly outbox: OutboxWriter) {}

  registered(tx: TxClient, profile: UserProfilePayload): Promise<void> {
    return this.add(tx, UserRegistered, profile.userId, profile);
  }

  updated(tx: TxClient, profile: UserProfilePayload): Promise<void> {
    return this.add(tx, UserUpdated, profile.userId, profile);
  }

  statusChanged(tx: TxClient, status: UserStatusPayload): Promise<void> {
    return this.add(tx, UserStatusChanged, status.userId, status);
  }

  private add<P extends object>(
    tx: TxClient,
    type: MessageType<P>,
    userId: string,
    payload: P,
  ): Promise<void> {
    const correlationId = RequestContext.current()?.correlationId ?? randomUUID();
    const envelope = createEnvelope(type.type, type.version, payload, { correlationId });
    return this.outbox.add(tx, TOPICS.userEvents, userId, envelope);
  }
}
