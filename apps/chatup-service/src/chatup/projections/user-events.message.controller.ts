import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  Envelope,
  UserBlocked,
  UserBlockPayload,
  UserProfilePayload,
  UserRegistered,
  UserStatusChanged,
  UserStatusPayload,
  UserUnblocked,
  UserUpdated,
} from '@chat/contracts';
import { Database } from '@chat/db';
import { ChatupBlocksRepository } from '../database/chatup-blocks.repository';
import { ChatupUsersRepository } from '../database/chatup-users.repository';
import { WaitingPoolRepository } from '../database/waiting-pool.repository';

/**
 * Reads `user.events` in the `chatup-service` group into this worker's own projections:
 * profiles (what a partner is told), blocks (never matched), and presence of waiting users
 * (offline for longer than the grace period leaves the pool). Every write is idempotent,
 * so a redelivered event changes nothing.
 */
@Controller()
export class UserEventsMessageController {
  constructor(
    private readonly db: Database,
    private readonly users: ChatupUsersRepository,
    private readonly blocks: ChatupBlocksRepository,
    private readonly pool: WaitingPoolRepository,
  ) {}

  @EventPattern(UserRegistered.type)
  onRegistered(@Payload() event: Envelope<UserProfilePayload>): Promise<void> {
    return this.db.withTransaction((tx) => this.users.upsert(tx, event.payload), { name: event.type });
  }

  @EventPattern(UserUpdated.type)
  onUpdated(@Payload() event: Envelope<UserProfilePayload>): Promise<void> {
    return this.db.withTransaction((tx) => this.users.upsert(tx, event.payload), { name: event.type });
  }

  @EventPattern(UserBlocked.type)
  onBlocked(@Payload() event: Envelope<UserBlockPayload>): Promise<void> {
    const { blockerId, blockedId } = event.payload;
    return this.db.withTransaction((tx) => this.blocks.block(tx, blockerId, blockedId), { name: event.type });
  }

  @EventPattern(UserUnblocked.type)
  onUnblocked(@Payload() event: Envelope<UserBlockPayload>): Promise<void> {
    const { blockerId, blockedId } = event.payload;
    return this.db.withTransaction((tx) => this.blocks.unblock(tx, blockerId, blockedId), {
      name: event.type,
    });
  }

  /** `offline` starts a waiting user's grace period; any other status (connected) ends it. */
  @EventPattern(UserStatusChanged.type)
  onStatus(@Payload() event: Envelope<UserStatusPayload>): Promise<void> {
    const { userId, status } = event.payload;
    return this.db.withTransaction(
      (tx) => (status === 'offline' ? this.pool.markOffline(tx, userId) : this.pool.markOnline(tx, userId)),
      { name: event.type },
    );
  }
}
