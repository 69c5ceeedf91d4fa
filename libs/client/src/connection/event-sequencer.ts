import type { SequencedEvent } from './server-events.js';

/**
 * Hands stored events to the app exactly once and in `seq` order, whatever order and
 * however many times they arrive (socket pushes, `/sync` pages, both). An event ahead of
 * a gap waits here until the gap is filled.
 */
export class EventSequencer {
  private readonly ahead = new Map<number, SequencedEvent>();

  constructor(
    private last: number,
    private readonly deliver: (event: SequencedEvent) => void,
  ) {}

  /** The seq of the last event handed to the app. */
  get lastSeq(): number {
    return this.last;
  }

  /** Events are waiting behind a gap (fill it from `/sync`). */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** The highest seq seen, delivered or waiting. */
  get highestSeen(): number {
    return Math.max(this.last, ...this.ahead.keys());
  }

  /** Takes one event; returns false for a duplicate. */
  accept(event: SequencedEvent): boolean {
    if (event.seq <= this.last || this.ahead.has(event.seq)) return false;
    this.ahead.set(event.seq, event);
    this.drain();
    return true;
  }

  /**
   * History below `nextAfter` is gone (retention): continue from there, dropping what
   * waited below it.
   */
  reset(nextAfter: number): void {
    this.last = nextAfter;
    for (const seq of this.ahead.keys()) if (seq <= nextAfter) this.ahead.delete(seq);
    this.drain();
  }

  private drain(): void {
    for (let next = this.ahead.get(this.last + 1); next; next = this.ahead.get(this.last + 1)) {
      this.ahead.delete(next.seq);
      this.last = next.seq;
      this.deliver(next);
    }
  }
}
