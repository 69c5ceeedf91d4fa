import {
  Injectable,
  Logger,
  NotFoundException,
  OnModuleDestroy,
  ServiceUnavailableException,
} from '@nestjs/common';
import { UserStatus } from '@chat/contracts';
import { Database } from '@chat/db';
import { InjectKafkaConfig, KafkaConfig } from '@chat/kafka';
import { randomUUID } from 'node:crypto';
import { PresenceConfig } from './presence.config';
import { PresenceRepository, PresenceView } from './presence.repository';
import { InjectPresenceConfig } from './presence.tokens';
import { PresenceTransitions } from './presence-transitions';

/** Users swept per pass; the rest wait for the next pass. */
const SWEEP_BATCH = 100;

/**
 * Presence of users: which connections this instance holds (recorded in
 * `user_connections`) and the status users see (`users.status`, `last_seen_at`). Every
 * change is published as `user.status` in its own transaction.
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  /** Connections this instance holds: connection id → user id. */
  private readonly held = new Map<string, string>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopping = false;

  constructor(
    private readonly db: Database,
    private readonly repo: PresenceRepository,
    private readonly transitions: PresenceTransitions,
    @InjectPresenceConfig() private readonly config: PresenceConfig,
    @InjectKafkaConfig() private readonly kafka: KafkaConfig,
  ) {}

  /**
   * Records a new connection of `userId` held by this instance and marks them online
   * (a status they chose, away or busy, stays). Resolves to the connection id, or
   * undefined when the user does not exist.
   * @throws ServiceUnavailableException while this instance shuts down.
   */
  connect(userId: string): Promise<string | undefined> {
    if (this.stopping) throw new ServiceUnavailableException('shutting down');
    const id = randomUUID();
    return this.track(async () => {
      if (!(await this.transitions.attach(id, userId, this.kafka.instanceId))) return undefined;
      this.held.set(id, userId);
      return id;
    });
  }

  /** Forgets connection `id`; the user goes offline when it was their last live one. */
  async disconnect(id: string): Promise<void> {
    const userId = this.held.get(id);
    if (userId === undefined) return; // never held, or already released by shutdown
    this.held.delete(id);
    await this.track(() => this.transitions.release(id, userId));
  }

  /**
   * Sets the status a user chose (`PUT /users/me/status`); `offline` makes them appear
   * offline until their next connect.
   * @throws NotFoundException when the user does not exist.
   */
  async setStatus(userId: string, status: UserStatus): Promise<PresenceView> {
    const view = await this.transitions.setStatus(userId, status);
    if (!view) throw new NotFoundException(`user ${userId} not found`);
    return view;
  }

  /**
   * Refreshes the heartbeat of the connections this instance holds. A row another
   * instance swept meanwhile (this one stalled for three periods) is recorded again, so
   * a user who is still connected does not stay offline.
   */
  async heartbeat(): Promise<void> {
    if (this.stopping) return;
    const ids = [...this.held.keys()];
    const alive = new Set(await this.repo.touchConnections(this.db, ids));
    for (const id of ids) {
      const userId = this.held.get(id);
      if (alive.has(id) || userId === undefined || this.stopping) continue;
      this.logger.warn(`connection ${id} of user ${userId} was swept while held; recording it again`);
      const exists = await this.track(() => this.transitions.attach(id, userId, this.kafka.instanceId));
      if (!exists) this.held.delete(id); // the user was deleted meanwhile
    }
  }

  /** Removes connections of dead instances and takes their users offline when nothing is left. */
  async sweep(): Promise<void> {
    if (this.stopping) return;
    const users = await this.repo.usersWithStaleConnections(this.db, this.config.staleAfterMs, SWEEP_BATCH);
    for (const userId of users) {
      if (this.stopping) return;
      await this.track(() => this.transitions.sweep(userId));
    }
  }

  /**
   * Releases every connection this instance still holds, so its users go offline now
   * rather than after the sweep. Runs in `onModuleDestroy`, the first shutdown hook, while
   * the database pool and the outbox relay are still up.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inFlight]);
    const held = [...this.held];
    this.held.clear();
    const results = await Promise.allSettled(
      held.map(([id, userId]) => this.transitions.release(id, userId)),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0)
      this.logger.warn(`${failed} connection(s) not released; the sweep of another instance will`);
  }

  /** Runs `work`, remembered until it settles, so shutdown can wait for it. */
  private track<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running)).catch(() => undefined);
    return running;
  }
}
