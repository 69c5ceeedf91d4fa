import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { positiveIntFromEnv } from '@chat/config';
import { Database, PeriodicTask } from '@chat/db';

/** Kafka's default retention is 7 days: a record older than that cannot be redelivered. */
const DEFAULT_RETENTION_SECONDS = 8 * 24 * 3600;
const BATCH = 1000;
const PRUNE_EVERY_MS = 60_000;

/**
 * Keeps `processed_commands` from growing forever: a command id is only needed while Kafka
 * may still redeliver its record, so ids older than `PROCESSED_COMMANDS_RETENTION_SECONDS`
 * (8 days, one more than the topic keeps records) are removed in small batches.
 */
@Injectable()
export class ProcessedCommandsPruner implements OnModuleInit, OnApplicationShutdown {
  private readonly retentionSeconds: number;
  private readonly task = new PeriodicTask({
    name: 'pruning processed commands',
    intervalMs: PRUNE_EVERY_MS,
    pass: () => this.prune(),
    logger: new Logger(ProcessedCommandsPruner.name),
  });

  constructor(private readonly db: Database) {
    this.retentionSeconds = positiveIntFromEnv(
      process.env,
      'PROCESSED_COMMANDS_RETENTION_SECONDS',
      DEFAULT_RETENTION_SECONDS,
    );
  }

  onModuleInit(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Removes one batch of expired ids; returns how many. */
  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.retentionSeconds * 1000);
    const { rowCount } = await this.db.query(
      `DELETE FROM processed_commands WHERE command_id IN (
         SELECT command_id FROM processed_commands WHERE processed_at < $1 ORDER BY processed_at LIMIT $2)`,
      [cutoff, BATCH],
    );
    return rowCount ?? 0;
  }
}
