import { Injectable } from '@nestjs/common';
import { InjectMetricsRegistry } from '@chat/observability';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The batches' metrics: how many commands each run holds (batching at work), runs in flight
 * now (a fault test reads it just before it kills a worker, to know the kill landed inside
 * a batch), and commands skipped because a redelivery found them claimed already.
 */
@Injectable()
export class CommandBatchMetrics {
  private readonly runSize: Histogram;
  private readonly inFlight: Gauge;
  private readonly alreadyProcessed: Counter;

  constructor(@InjectMetricsRegistry() registry: Registry) {
    this.runSize = new Histogram({
      name: 'chat_command_run_size',
      help: 'Commands in one run of a partition, handled in one transaction',
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
      registers: [registry],
    });
    this.inFlight = new Gauge({
      name: 'chat_command_runs_in_flight',
      help: 'Runs of commands whose transaction or publish is under way on this instance',
      registers: [registry],
    });
    this.alreadyProcessed = new Counter({
      name: 'chat_commands_already_processed_total',
      help: 'Commands redelivered after their outcome was stored (a crash or rebalance), skipped',
      registers: [registry],
    });
  }

  /** A run of `size` commands starts; call the returned function when it ends. */
  started(size: number): () => void {
    this.runSize.observe(size);
    this.inFlight.inc();
    return () => this.inFlight.dec();
  }

  skipped(count: number): void {
    if (count > 0) this.alreadyProcessed.inc(count);
  }
}
