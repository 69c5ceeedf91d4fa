import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CHATUP_EVENTS } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { EventLogWriter } from '@chat/event-log';
import type { ChatupConfig } from '../chatup.config';
import { InjectChatupConfig } from '../chatup.tokens';
import { ProcessedCommandsRepository } from '../database/processed-commands.repository';
import { RecentMatchesRepository } from '../database/recent-matches.repository';
import { WaitingEntry, WaitingPoolRepository } from '../database/waiting-pool.repository';

/** Entries removed per statement. */
const BATCH = 200;
/** How often old processed ids and recent pairs are pruned. */
const PRUNE_EVERY_MS = 60_000;

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
  private readonly logger = new Logger(WaitingPoolSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private lastPrune = Date.now();

  constructor(
    private readonly db: Database,
    private readonly pool: WaitingPoolRepository,
    private readonly events: EventLogWriter,
    private readonly processed: ProcessedCommandsRepository,
    private readonly recent: RecentMatchesRepository,
    @InjectChatupConfig() private readonly config: ChatupConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((err: Error) =>
          this.logger.warn(`sweeping the ChatUp pool failed, next pass retries: ${err.message}`),
        )
        .finally(() => (this.running = undefined));
    }, this.config.sweepIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: expired entries, then disconnected ones, then (now and then) pruning. */
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
    if (Date.now() - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await this.processed.prune(this.config.processedCommandsRetentionSeconds, 1000);
      await this.recent.prune(this.config.recentMatchSeconds, 1000);
    }
    return { expired, disconnected };
  }

  /** Stores the event in the user's log, caused by their request (whose id is the correlation known here). */
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
