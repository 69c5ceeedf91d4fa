import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Database, PeriodicTask } from '@chat/db';
import type { EventLogConfig } from './event-log.config';
import { EVENT_LOG_CONFIG } from './event-log.tokens';

/**
 * Removes events past retention, oldest first, and records per user the highest seq removed
 * (`user_event_floors`), so `/sync` from below it answers a reset instead of a silent hole.
 * Several instances may prune at once: a conflict is retried as a 40001, and a row is
 * deleted once.
 */
@Injectable()
export class EventLogPruner implements OnModuleInit, OnApplicationShutdown {
  private readonly task: PeriodicTask;

  constructor(
    private readonly db: Database,
    @Inject(EVENT_LOG_CONFIG) private readonly config: EventLogConfig,
  ) {
    this.task = new PeriodicTask({
      name: 'pruning the event log',
      intervalMs: config.pruneIntervalMs,
      pass: () => this.prune(),
      logger: new Logger(EventLogPruner.name),
    });
  }

  onModuleInit(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Removes one batch of expired events at most per call; returns how many went. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.retentionSeconds * 1000);
    return this.db.withTransaction(
      async (tx) => {
        const { rows } = await tx.query<{ removed: string }>(
          `WITH doomed AS (
             DELETE FROM user_events WHERE (user_id, seq) IN (
               SELECT user_id, seq FROM user_events WHERE created_at < $1 ORDER BY created_at LIMIT $2)
             RETURNING user_id, seq),
           floors AS (
             INSERT INTO user_event_floors (user_id, pruned_through)
               SELECT user_id, max(seq) FROM doomed GROUP BY user_id
             ON CONFLICT (user_id) DO UPDATE
               SET pruned_through = GREATEST(user_event_floors.pruned_through, excluded.pruned_through)
             RETURNING 1)
           SELECT (SELECT count(*) FROM doomed) AS removed, (SELECT count(*) FROM floors) AS users`,
          [cutoff, this.config.pruneBatch],
        );
        // Payloads go once no event points at them: none older than the oldest event left
        // (an event and its payload are written in one transaction, so share created_at).
        await tx.query(
          `DELETE FROM event_payloads WHERE id IN (
             SELECT id FROM event_payloads
              WHERE created_at < $1
                AND created_at < COALESCE((SELECT min(created_at) FROM user_events), 'infinity')
              ORDER BY created_at LIMIT $2)`,
          [cutoff, this.config.pruneBatch],
        );
        return Number(rows[0].removed);
      },
      { name: 'event-log.prune' },
    );
  }
}
