import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '@chat/db';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';

const BATCH = 1000;
const PRUNE_EVERY_MS = 60_000;

/** Removes key reservations past their 24 h, in small batches, once a minute. */
@Injectable()
export class IdempotencyKeysPruner implements OnModuleInit, OnApplicationShutdown {
  private readonly task = new PeriodicTask({
    name: 'pruning idempotency keys',
    intervalMs: PRUNE_EVERY_MS,
    pass: () => this.keys.prune(BATCH),
    logger: new Logger(IdempotencyKeysPruner.name),
  });

  constructor(private readonly keys: IdempotencyKeysRepository) {}

  onModuleInit(): void {
    this.task.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
