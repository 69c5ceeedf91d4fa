import { Backoff, sleep } from '../backoff.js';
import { CommandError, isRetryable } from '../errors.js';
import type { SendResult } from './command-results.js';

/** A message waiting to be sent (or re-sent with the same `clientMessageId`). */
export interface PendingSend {
  chatId: string;
  content: string;
  clientMessageId: string;
}

interface Item extends PendingSend {
  resolve: (result: SendResult) => void;
  reject: (err: unknown) => void;
}

export interface SendQueueDeps {
  /** Publishes the send; resolves with the command id of its `202`. */
  post(send: PendingSend): Promise<string>;
  /** The outcome of a command id (rejects `TIMEOUT` when none came in time). */
  outcome(commandId: string): Promise<SendResult>;
  /** Resolves when the client is connected (outcomes can arrive). */
  online(): Promise<void>;
  backoff: Backoff;
  /** A retry is coming (for logs). */
  onRetry?(err: unknown, send: PendingSend): void;
}

/**
 * Sends messages in the order they were written, holding them while offline and
 * re-sending on a network error, a `503` or a missing outcome. Every attempt carries the
 * same `clientMessageId`, so the server stores each message once however often it is sent.
 */
export class SendQueue {
  private readonly items: Item[] = [];
  private running = false;
  private closedWith?: Error;

  constructor(private readonly deps: SendQueueDeps) {}

  /** Messages not yet accepted by the gateway, oldest first. */
  get pending(): PendingSend[] {
    return this.items.map(({ chatId, content, clientMessageId }) => ({ chatId, content, clientMessageId }));
  }

  enqueue(send: PendingSend): Promise<SendResult> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    return new Promise<SendResult>((resolve, reject) => {
      this.items.push({ ...send, resolve, reject });
      this.kick();
    });
  }

  /** Rejects everything still queued. */
  close(err: Error): void {
    this.closedWith = err;
    for (const item of this.items.splice(0)) item.reject(err);
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
      if (this.items.length && !this.closedWith) this.kick();
    });
  }

  private async run(): Promise<void> {
    while (this.items.length && !this.closedWith) {
      await this.deps.online();
      const item = this.items[0];
      if (!item || this.closedWith) return;
      let commandId: string;
      try {
        commandId = await this.deps.post(item);
      } catch (err) {
        if (this.closedWith) return;
        if (!isRetryable(err)) {
          this.remove(item);
          item.reject(err);
          continue;
        }
        this.deps.onRetry?.(err, item);
        await sleep(this.deps.backoff.next());
        continue;
      }
      this.deps.backoff.reset();
      this.remove(item);
      // Outcomes are awaited side by side; the next send need not wait for this one's.
      this.deps.outcome(commandId).then(item.resolve, (err: unknown) => {
        if (err instanceof CommandError && err.code === 'TIMEOUT' && !this.closedWith) {
          this.deps.onRetry?.(err, item);
          this.items.unshift(item);
          this.kick();
        } else item.reject(err);
      });
    }
  }

  private remove(item: Item): void {
    const at = this.items.indexOf(item);
    if (at >= 0) this.items.splice(at, 1);
  }
}
