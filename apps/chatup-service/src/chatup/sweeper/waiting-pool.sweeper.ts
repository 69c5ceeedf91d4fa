import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EVENT_SINK, EventSink } from '@chat/commands';
import { CHATUP_EVENTS } from '@chat/contracts';
import { Database, PeriodicTask, TxClient } from '@chat/db';
import type { ChatupConfig } from '../chatup.config';
import { InjectChatupConfig } from '../chatup.tokens';
import { WaitingEntry, WaitingPoolRepository } from '../database/waiting-pool.repository';

/** Entries removed per statement. */
const BATCH = 200;

/**
 * Empties the pool of requests past their wait limit (`chatup.expired { requestId, tags }`)
 * and of users offline longer than the grace period (`chatup.cancelled { requestId,
 * reason: 'disconnected' }`), every `CHATUP_SWEEP_INTERVAL_MS`. Every instance sweeps: the
 * entries leave by `DELETE ... RETURNING` in the transaction that stores the events, so two
 * sweepers (or a sweeper and a matching request) conflict, the loser retries and finds
 * nothing, and nobody is told twice.
 */
@Injectable()
export class WaitingPoolSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly db: Database,
    private readonly pool: WaitingPoolRepository,
    @Inject(EVENT_SINK) private readonly events: EventSink,
    @InjectChatupConfig() private readonly config: ChatupConfig,
  ) {
    this.task = new PeriodicTask({
      name: 'sweeping the ChatUp pool',
      intervalMs: config.sweepIntervalMs,
      pass: () => this.sweep(),
      logger: new Logger(WaitingPoolSweeper.name),
    });
  }

  onModuleInit(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass: expired entries, then disconnected ones. */
  async sweep(): Promise<{ expired: number; disconnected: number }> {
    const expired = await this.db.withTransaction(
      async (tx) => {
        const entries = await this.pool.takeExpired(tx, BATCH);
        for (const entry of entries)
          await this.tell(tx, entry, CHATUP_EVENTS.expired, { requestId: entry.requestId, tags: entry.tags });
        return entries.length;
      },
      { name: 'chatup.sweep-expired' },
    );
    const disconnected = await this.db.withTransaction(
      async (tx) => {
        const entries = await this.pool.takeDisconnected(tx, this.config.disconnectGraceSeconds, BATCH);
        for (const entry of entries)
          await this.tell(tx, entry, CHATUP_EVENTS.cancelled, {
            requestId: entry.requestId,
            reason: 'disconnected',
          });
        return entries.length;
      },
      { name: 'chatup.sweep-disconnected' },
    );
    return { expired, disconnected };
  }

  /** Has the event stored in the user's log, caused by their request (whose id is the correlation known here). */
  private async tell(
    tx: TxClient,
    entry: WaitingEntry,
    type: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.events.append(tx, { type, data, recipients: [entry.userId] }, entry.userId, {
      correlationId: entry.requestId,
      causationId: entry.requestId,
    });
  }
}
