import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { positiveIntFromEnv } from '@chat/config';
import { Database } from '@chat/db';

/** Kafka's default retention is 7 days: a record older than that cannot be redelivered. */
const DEFAULT_RETENTION_SECONDS = 8 * 24 * 3600;
const BATCH = 1000;

/**
 * Keeps `processed_commands` from growing forever: a command id is only needed while Kafka
 * may still redeliver its record, so ids older than `PROCESSED_COMMANDS_RETENTION_SECONDS`
 * (8 days, one more than the topic keeps records) are removed in small batches.
 */
@Injectable()
export class ProcessedCommandsPruner implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessedCommandsPruner.name);
  private readonly retentionSeconds: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly db: Database) {
    this.retentionSeconds = positiveIntFromEnv(
      process.env,
      'PROCESSED_COMMANDS_RETENTION_SECONDS',
      DEFAULT_RETENTION_SECONDS,
    );
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.prune()
        .catch((err: Error) => this.logger.warn(`pruning processed commands failed: ${err.message}`))
        .finally(() => (this.running = undefined));
    }, 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
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
