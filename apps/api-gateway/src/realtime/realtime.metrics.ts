import { Injectable } from '@nestjs/common';
import { InjectMetricsRegistry } from '@chat/observability';
import { Gauge, Histogram, Registry } from 'prom-client';
import { SocketRegistry } from './sockets/socket-registry';

/**
 * The gateway's realtime metrics: sockets held by this instance (read at scrape time from
 * the registry, so it cannot drift) and push latency, from the moment the worker created
 * the event to the moment this instance wrote it to a socket (outbox relay and Kafka included).
 */
@Injectable()
export class RealtimeMetrics {
  private readonly pushSeconds: Histogram<'type'>;

  constructor(@InjectMetricsRegistry() registry: Registry, sockets: SocketRegistry) {
    const gauge: Gauge = new Gauge({
      name: 'chat_ws_sockets',
      help: 'Authenticated WebSocket connections held by this gateway instance',
      registers: [registry],
      collect: () => gauge.set(sockets.all().length),
    });
    this.pushSeconds = new Histogram({
      name: 'chat_push_latency_seconds',
      help: 'Time from an event being created to its push being written to a socket here, by event type',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** A push of `type` created at `createdAt` (ISO-8601) was just written to sockets here. */
  pushed(type: string, createdAt: string): void {
    const ms = Date.now() - Date.parse(createdAt);
    if (Number.isFinite(ms)) this.pushSeconds.observe({ type }, Math.max(0, ms) / 1_000);
  }
}
