import { Injectable } from '@nestjs/common';
import { EnvelopeObserver, EnvelopeOutcome } from '@chat/kafka';
import { Counter, Histogram, Registry } from 'prom-client';
import { InjectMetricsRegistry } from './metrics.tokens';

/**
 * Command (and event) rate and handling time per message type, fed by the Kafka envelope
 * server. Buckets reach 30 s because a record whose database is away is retried, not dropped.
 */
@Injectable()
export class EnvelopeMetrics implements EnvelopeObserver {
  private readonly total: Counter<'type' | 'outcome'>;
  private readonly seconds: Histogram<'type' | 'outcome'>;

  constructor(@InjectMetricsRegistry() registry: Registry) {
    this.total = new Counter({
      name: 'chat_messages_total',
      help: 'Kafka records consumed, by envelope type and outcome (handled, ignored, skipped, dead-lettered, abandoned)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    });
    this.seconds = new Histogram({
      name: 'chat_message_handling_seconds',
      help: 'Time from a parsed Kafka record to its outcome, retries included, by envelope type',
      labelNames: ['type', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  }

  recordFinished(type: string, outcome: EnvelopeOutcome, seconds: number): void {
    this.total.inc({ type, outcome });
    this.seconds.observe({ type, outcome }, seconds);
  }
}
