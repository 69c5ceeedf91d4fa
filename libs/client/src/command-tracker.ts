import { CommandError } from './errors.js';
import type { CommandOutcome } from './types.js';
import type { Timer } from './platform.js';

interface Waiter {
  resolve(result: unknown): void;
  reject(err: Error): void;
  timer: Timer;
}

/** How many outcomes nobody waits for (yet) are kept: another device's, or ones that beat their 202. */
const EARLY_OUTCOMES_KEPT = 1000;

/**
 * Matches `command.succeeded` / `command.failed` to the command ids the gateway answered
 * with. An outcome can arrive before the HTTP answer that names its command: it is kept
 * until someone asks for it.
 */
export class CommandTracker {
  private readonly waiting = new Map<string, Waiter>();
  private readonly early = new Map<string, { type: string; outcome: CommandOutcome }>();

  /** A delivered outcome event. */
  settle(type: string, outcome: CommandOutcome): void {
    const waiter = this.waiting.get(outcome.commandId);
    if (!waiter) {
      this.early.set(outcome.commandId, { type, outcome });
      if (this.early.size > EARLY_OUTCOMES_KEPT) this.early.delete(this.early.keys().next().value as string);
      return;
    }
    this.waiting.delete(outcome.commandId);
    clearTimeout(waiter.timer);
    if (type === 'command.succeeded') waiter.resolve(outcome.result);
    else waiter.reject(CommandTracker.failure(outcome));
  }

  /** The result of `commandId`; rejects with its `code`, or `TIMEOUT` after `timeoutMs`. */
  wait<R>(commandId: string, timeoutMs: number): Promise<R> {
    const known = this.early.get(commandId);
    if (known) {
      this.early.delete(commandId);
      return known.type === 'command.succeeded'
        ? Promise.resolve(known.outcome.result as R)
        : Promise.reject(CommandTracker.failure(known.outcome));
    }
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(commandId);
        reject(new CommandError('TIMEOUT', `no outcome within ${timeoutMs} ms`, commandId));
      }, timeoutMs);
      this.waiting.set(commandId, { resolve: resolve, reject, timer });
    });
  }

  /** Rejects every waiting command (the client is closing). */
  failAll(code: string, message: string): void {
    for (const [commandId, waiter] of this.waiting) {
      clearTimeout(waiter.timer);
      waiter.reject(new CommandError(code, message, commandId));
    }
    this.waiting.clear();
  }

  private static failure(outcome: CommandOutcome): CommandError {
    return new CommandError(
      outcome.code ?? 'UNKNOWN',
      outcome.message ?? 'command failed',
      outcome.commandId,
    );
  }
}
