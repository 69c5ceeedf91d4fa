import type { CommandFailed, CommandSucceeded } from '../connection/server-events.js';
import { CommandError, CommandErrorCode } from '../errors.js';
import type { Timer } from '../platform.js';

type Outcome =
  | { type: 'command.succeeded'; outcome: CommandSucceeded }
  | { type: 'command.failed'; outcome: CommandFailed };

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
  private readonly early = new Map<string, Outcome>();

  /** A delivered outcome event. */
  settle(settled: Outcome): void {
    const { commandId } = settled.outcome;
    const waiter = this.waiting.get(commandId);
    if (!waiter) {
      this.early.set(commandId, settled);
      if (this.early.size > EARLY_OUTCOMES_KEPT) this.early.delete(this.early.keys().next().value as string);
      return;
    }
    this.waiting.delete(commandId);
    clearTimeout(waiter.timer);
    if (settled.type === 'command.succeeded') waiter.resolve(settled.outcome.result);
    else waiter.reject(CommandTracker.failure(settled.outcome));
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
  failAll(code: CommandErrorCode, message: string): void {
    for (const [commandId, waiter] of this.waiting) {
      clearTimeout(waiter.timer);
      waiter.reject(new CommandError(code, message, commandId));
    }
    this.waiting.clear();
  }

  private static failure(outcome: CommandFailed): CommandError {
    return new CommandError(
      outcome.code ?? 'UNKNOWN',
      outcome.message ?? 'command failed',
      outcome.commandId,
    );
  }
}
