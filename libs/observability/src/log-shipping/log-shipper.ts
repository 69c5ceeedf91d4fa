import { withTimeout } from '@chat/kafka';
import { KafkaLogTransport } from './kafka-log.transport';
import { LogShippingConfig } from './log-shipping.config';
import { LogTransport } from './log-transport';

/** Counters of one shipper since it was created (for `/metrics` and tests). */
export interface LogShipperStats {
  /** Lines Kafka acknowledged. */
  shipped: number;
  /** Lines given up: buffer full, Kafka unavailable, or left over at shutdown. */
  dropped: number;
  /** Lines waiting in memory now. */
  buffered: number;
}

/** A line for stdout about shipping trouble, with the counters as fields. */
export type LogShipperReport = { message: string } & Record<string, unknown>;

const SEND_TIMEOUT_MS = 10_000;
const RECONNECT_MS = 5_000;
const CLOSE_TIMEOUT_MS = 3_000;

/**
 * Carries log lines to Kafka without ever making a caller wait: `ship` only appends to a
 * bounded in-memory buffer, and a background loop sends it in batches. When Kafka is slow
 * or away the buffer fills and further lines are dropped and counted (as are batches Kafka
 * refused); the drop count is reported on stdout periodically and by `stats()`. Lines are
 * held until `start()`, so those logged while the service boots are not lost.
 */
export class LogShipper {
  private buffer: string[] = [];
  private shipped = 0;
  private dropped = 0;
  private reportedDropped = 0;
  private state: 'idle' | 'connecting' | 'ready' | 'unavailable' | 'closed' = 'idle';
  private flushing: Promise<void> | undefined;
  /** Set when close() begins: nothing new is scheduled after it. */
  private stopping = false;
  private problem: string | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly config: LogShippingConfig,
    private readonly report: (report: LogShipperReport) => void,
    private readonly transport: LogTransport = new KafkaLogTransport(config),
  ) {}

  /** Queues one line; never blocks, never throws. */
  ship(line: string): void {
    if (this.state === 'closed' || this.buffer.length >= this.config.bufferLimit) {
      this.dropped++;
      return;
    }
    this.buffer.push(line);
    if (this.buffer.length >= this.config.batchSize) this.scheduleFlush();
  }

  stats(): LogShipperStats {
    return { shipped: this.shipped, dropped: this.dropped, buffered: this.buffer.length };
  }

  /** Connects in the background and starts the flush and report timers. */
  start(): void {
    if (this.state !== 'idle') return;
    this.every(this.config.flushIntervalMs, () => this.scheduleFlush());
    this.every(this.config.reportIntervalMs, () => this.reportDrops());
    void this.connect();
  }

  /** Sends what is buffered (bounded in time), then disconnects; later lines are dropped. */
  async close(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    if (this.state === 'ready') {
      await withTimeout(this.drain(), CLOSE_TIMEOUT_MS, 'log flush at shutdown').catch(() => undefined);
    }
    this.state = 'closed';
    this.dropped += this.buffer.length;
    this.buffer = [];
    this.reportDrops();
    await withTimeout(this.transport.disconnect(), CLOSE_TIMEOUT_MS, 'log producer disconnect').catch(
      () => undefined,
    );
  }

  private async connect(): Promise<void> {
    if (this.stopping) return;
    this.state = 'connecting';
    try {
      await this.transport.connect();
    } catch (err) {
      if (this.isClosed()) return;
      this.unavailable(err);
      return;
    }
    if (this.isClosed()) return;
    if (this.problem) this.report({ message: `log shipping to Kafka resumed after: ${this.problem}` });
    this.problem = undefined;
    this.state = 'ready';
    this.scheduleFlush();
  }

  /** Kafka is away: say so once, keep counting drops, try again later. */
  private unavailable(err: unknown): void {
    if (this.isClosed()) return;
    this.state = 'unavailable';
    const reason = (err as Error)?.message ?? String(err);
    if (!this.problem) {
      this.report({
        message: `log shipping to Kafka unavailable (${reason}); keeping up to ${this.config.bufferLimit} lines, dropping and counting the rest`,
        ...this.counters(),
      });
    }
    this.problem = reason;
    this.after(RECONNECT_MS, () => void this.connect());
  }

  private scheduleFlush(): void {
    if (this.state !== 'ready' || this.flushing || this.buffer.length === 0) return;
    this.flushing = this.drain().finally(() => (this.flushing = undefined));
  }

  /** Sends batches until the buffer is empty; a failed batch is dropped and counted. */
  private async drain(): Promise<void> {
    await this.flushing;
    while (this.buffer.length > 0 && this.state === 'ready') {
      const batch = this.buffer.splice(0, this.config.batchSize);
      try {
        await withTimeout(this.transport.send(batch), SEND_TIMEOUT_MS, 'Kafka did not acknowledge log lines');
        this.shipped += batch.length;
      } catch (err) {
        this.dropped += batch.length;
        this.unavailable(err);
      }
    }
  }

  private reportDrops(): void {
    const fresh = this.dropped - this.reportedDropped;
    if (fresh === 0) return;
    this.reportedDropped = this.dropped;
    this.report({
      message: `log shipping dropped ${fresh} lines (${this.dropped} since start)${this.problem ? `: ${this.problem}` : ''}`,
      ...this.counters(),
    });
  }

  private counters(): Record<string, number> {
    const { shipped, dropped, buffered } = this.stats();
    return {
      'labels.logs_shipped': shipped,
      'labels.logs_dropped': dropped,
      'labels.logs_buffered': buffered,
    };
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private every(ms: number, fn: () => void): void {
    const timer = setInterval(fn, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private after(ms: number, fn: () => void): void {
    if (this.stopping) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
