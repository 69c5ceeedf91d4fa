import { Injectable } from '@nestjs/common';
import { UserStatus } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { UserEventsPublisher } from '../users/events/user-events.publisher';
import { PresenceConfig } from './presence.config';
import { PresenceRepository, PresenceView } from './presence.repository';
import { InjectPresenceConfig } from './presence.tokens';

/**
 * Each presence change as one SERIALIZABLE transaction (retried on 40001) that locks the
 * user's row first, so a user's connects, disconnects and sweeps on any instance apply one
 * at a time. `user.status` goes to the outbox in the same transaction, and only when the
 * status actually changed.
 */
@Injectable()
export class PresenceTransitions {
  constructor(
    private readonly db: Database,
    private readonly repo: PresenceRepository,
    private readonly events: UserEventsPublisher,
    @InjectPresenceConfig() private readonly config: PresenceConfig,
  ) {}

  /**
   * Records connection `id` of `userId` and marks them seen: `offline` becomes `online`, a
   * status the user chose (away, busy) stays. False when the user does not exist.
   */
  attach(id: string, userId: string, instanceId: string): Promise<boolean> {
    return this.db.withTransaction(
      async (tx) => {
        const current = await this.repo.lockStatus(tx, userId);
        if (current === undefined) return false;
        await this.repo.addConnection(tx, id, userId, instanceId);
        await this.change(tx, userId, current, current === 'offline' ? 'online' : current);
        return true;
      },
      { name: 'presence.attach' },
    );
  }

  /** Deletes connection `id`; with no live connection left the user goes `offline`. */
  release(id: string, userId: string): Promise<void> {
    return this.db.withTransaction(
      async (tx) => {
        const current = await this.repo.lockStatus(tx, userId);
        await this.repo.deleteConnection(tx, id);
        await this.offlineIfUnconnected(tx, userId, current);
      },
      { name: 'presence.release' },
    );
  }

  /**
   * Deletes the user's connections that no instance refreshes any more (their instance
   * died) and takes the user offline when nothing live is left. Several instances may
   * sweep the same user at once: the row lock orders them and the later one finds nothing.
   */
  sweep(userId: string): Promise<void> {
    return this.db.withTransaction(
      async (tx) => {
        const current = await this.repo.lockStatus(tx, userId);
        const deleted = await this.repo.deleteStaleConnections(tx, userId, this.config.staleAfterMs);
        if (deleted > 0) await this.offlineIfUnconnected(tx, userId, current);
      },
      { name: 'presence.sweep' },
    );
  }

  /** Sets the status the user chose; undefined when the user does not exist. */
  setStatus(userId: string, status: UserStatus): Promise<PresenceView | undefined> {
    return this.db.withTransaction(
      async (tx) => {
        const current = await this.repo.lockStatus(tx, userId);
        if (current === undefined) return undefined;
        return this.change(tx, userId, current, status);
      },
      { name: 'presence.set-status' },
    );
  }

  private async offlineIfUnconnected(
    tx: TxClient,
    userId: string,
    current: UserStatus | undefined,
  ): Promise<void> {
    if (current === undefined) return; // the user is gone; only their connection rows were left
    if (await this.repo.hasLiveConnection(tx, userId, this.config.staleAfterMs)) return;
    await this.change(tx, userId, current, 'offline');
  }

  private async change(
    tx: TxClient,
    userId: string,
    from: UserStatus,
    to: UserStatus,
  ): Promise<PresenceView> {
    const view = await this.repo.saveStatus(tx, userId, to);
    if (from !== to) await this.events.statusChanged(tx, { userId, ...view });
    return view;
  }
}
