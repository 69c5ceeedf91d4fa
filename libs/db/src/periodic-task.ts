import { Logger } from '@nestjs/common';

/** What a `PeriodicTask` runs, how often, and how it reports a failed pass. */
export interface PeriodicTaskOptions {
  /** What a pass does, for the warning (`pruning processed commands failed, …`). */
  name: string;
  intervalMs: number;
  /** One pass, e.g. one batch of a `DELETE … LIMIT`; what it resolves to is ignored. */
  pass: () => Promise<unknown>;
  /** The owner's logger, so the warning names the owner. */
  logger: Logger;
}

/**
 * Runs background database upkeep (pruning, sweeping) every `intervalMs`. A pass still
 * running when the next is due is not doubled up; a failed pass is a warning, since the
 * next one retries (the database may just be away). `stop()` waits for the pass in flight,
 * so shutdown never closes the pool under a running statement. The timer does not keep
 * the process alive by itself. Start it in `onModuleInit`, stop it in `onApplicationShutdown`.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly options: PeriodicTaskOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    const { name, pass, logger } = this.options;
    this.running = pass()
      .catch((err: Error) => logger.warn(`${name} failed, next pass retries: ${err.message}`))
      .finally(() => (this.running = undefined));
  }
}
