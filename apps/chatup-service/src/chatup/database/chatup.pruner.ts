import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@chat/db';
import type { ChatupConfig } from '../chatup.config';
import { InjectChatupConfig } from '../chatup.tokens';
import { RecentMatchesRepository } from './recent-matches.repository';

/** Rows removed per table per pass. */
const BATCH = 1000;
const PRUNE_EVERY_MS = 60_000;

/**
 * Keeps the recent matches from growing forever: pairs matched longer ago than
 * `CHATUP_RECENT_MATCH_SECONDS` may meet again. (Processed command ids are pruned by the
 * command library's ProcessedCommandsPruner.)
 */
@Injectable()
export class ChatupPruner implements OnModuleInit, OnApplicationShutdown {
  private readonly task = new PeriodicTask({
    name: 'pruning ChatUp recent matches',
    intervalMs: PRUNE_EVERY_MS,
    pass: () => this.prune(),
    logger: new Logger(ChatupPruner.name),
  });

  constructor(
    private readonly recent: RecentMatchesRepository,
    @InjectChatupConfig() private readonly config: ChatupConfig,
  ) {}

  onModuleInit(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Removes one batch; returns how many rows went. */
  prune(): Promise<number> {
    return this.recent.prune(this.config.recentMatchSeconds, BATCH);
  }
}
