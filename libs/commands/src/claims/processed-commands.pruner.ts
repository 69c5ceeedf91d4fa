import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectServiceEnv, positiveIntFromEnv } from '@chat/config';
import { PeriodicTask } from '@chat/db';
import { ProcessedCommandsRepository } from './processed-commands.repository';

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
  /** How long a claimed id is kept (`PROCESSED_COMMANDS_RETENTION_SECONDS`). */
  readonly retentionSeconds: number;
  private readonly task = new PeriodicTask({
    name: 'pruning processed commands',
    intervalMs: PRUNE_EVERY_MS,
    pass: () => this.prune(),
    logger: new Logger(ProcessedCommandsPruner.name),
  });

  constructor(
    private readonly processed: ProcessedCommandsRepository,
    @InjectServiceEnv() env: NodeJS.ProcessEnv,
  ) {
    this.retentionSeconds = positiveIntFromEnv(
      env,
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
  prune(now = new Date()): Promise<number> {
    return this.processed.prune(new Date(now.getTime() - this.retentionSeconds * 1000), BATCH);
  }
}
