import type { Timer } from '../platform.js';

/**
 * Delivery receipts: acknowledges the highest processed seq at most once per `delayMs`
 * (acks are cumulative, so one frame covers a burst).
 */
export class AckBatcher {
  private acked = 0;
  private pending = 0;
  private timer?: Timer;

  /** `send` writes `{ type: 'ack', seq }` and returns false when the socket is not open. */
  constructor(
    private readonly send: (seq: number) => boolean,
    private readonly delayMs = 200,
  ) {}

  note(seq: number): void {
    this.pending = Math.max(this.pending, seq);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Sends the pending ack now (a reconnect sends what a drop held back). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending > this.acked && this.send(this.pending)) this.acked = this.pending;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
