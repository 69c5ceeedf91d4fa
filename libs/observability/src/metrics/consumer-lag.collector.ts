import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { topicName } from '@chat/contracts';
import { createKafkaClient, withTimeout } from '@chat/kafka';
import type { Admin } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { partitionLags } from './consumer-lag';
import { METRICS_OPTIONS, MetricsOptions } from './metrics.options';
import { InjectMetricsRegistry } from './metrics.tokens';

const SCRAPE_TIMEOUT_MS = 3_000;

/**
 * `chat_kafka_consumer_lag` per topic and partition of this service's consumer group,
 * computed when Prometheus scrapes (committed offsets against the high watermarks), so
 * nothing polls Kafka between scrapes. When Kafka does not answer in time the gauge is
 * empty for that scrape and `/health` says why; the scrape itself never hangs.
 */
@Injectable()
export class ConsumerLagCollector implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ConsumerLagCollector.name);
  private readonly admin: Admin;
  private readonly groupId: string;

  constructor(
    @Inject(METRICS_OPTIONS) private readonly options: MetricsOptions,
    @InjectMetricsRegistry() registry: Registry,
  ) {
    this.admin = createKafkaClient(options.kafka, 'metrics').admin();
    this.groupId = `${options.kafka.prefix}${options.consumer.group}`;
    const group = options.consumer.group;
    const gauge: Gauge<'group' | 'topic' | 'partition'> = new Gauge({
      name: 'chat_kafka_consumer_lag',
      help: "Records not yet consumed by this service's consumer group, per topic and partition",
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
      collect: async () => {
        const lags = await this.lags();
        gauge.reset();
        for (const { topic, partition, lag } of lags)
          gauge.set({ group, topic, partition: String(partition) }, lag);
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin.disconnect();
  }

  private async lags(): Promise<{ topic: string; partition: number; lag: number }[]> {
    const { kafka, consumer } = this.options;
    try {
      return await withTimeout(
        Promise.all(
          consumer.topics.map(async (spec) => {
            const topic = topicName(kafka.prefix, spec);
            const [committed, ends] = await Promise.all([
              this.admin.fetchOffsets({ groupId: this.groupId, topics: [topic] }),
              this.admin.fetchTopicOffsets(topic),
            ]);
            const partitions = committed.find((c) => c.topic === topic)?.partitions ?? [];
            return partitionLags(partitions, ends, consumer.fromBeginning ?? true).map((p) => ({
              topic: spec.name,
              ...p,
            }));
          }),
        ),
        SCRAPE_TIMEOUT_MS,
        'Kafka did not report offsets',
      ).then((perTopic) => perTopic.flat());
    } catch (err) {
      this.logger.warn(`consumer lag not collected: ${(err as Error).message}`);
      return [];
    }
  }
}
