import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@chat/db';
import type { ChatupConfig } from '../chatup.config';
import { InjectChatupConfig } from '../chatup.tokens';
import { ProcessedCommandsRepository } from './processed-commands.repository';
import { RecentMatchesRepository } from './recent-matches.repository';

/** Rows removed per table per pass. */
const BATCH = 1000;
const PRUNE_EVERY_MS = 60_000;

/**
 * Keeps the worker's bookkeeping tables from growing forever: processed command ids past
 * `PROCESSED_COMMANDS_RETENTION_SECONDS` (Kafka can no longer redeliver them) and pairs
 * matched longer ago than `CHATUP_RECENT_MATCH_SECONDS` (they may meet again).
 */
@Injectable()
export class ChatupPruner implements OnModuleInit, OnApplicationShutdown {
  private readonly task = new PeriodicTask({
    name: 'pruning ChatUp processed commands and recent matches',
    intervalMs: PRUNE_EVERY_MS,
    pass: () => this.prune(),
    logger: new Logger(ChatupPruner.name),
  });

  constructor(
    private readonly processed: ProcessedCommandsRepository,
    private readonly recent: RecentMatchesRepository,
    @InjectChatupConfig() private readonly config: ChatupConfig,
  ) {}

  onModuleInit(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Removes one batch of each; returns how many rows went. */
  async prune(): Promise<number> {
    const ids = await this.processed.prune(this.config.processedCommandsRetentionSeconds, BATCH);
    const pairs = await this.recent.prune(this.config.recentMatchSeconds, BATCH);
    return ids + pairs;
  }
}
