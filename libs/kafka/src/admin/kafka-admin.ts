import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TOPICS, TopicSpec, topicName } from '@chat/contracts';
import { Admin } from 'kafkajs';
import { createKafkaClient } from '../kafka-client.factory';
import { KafkaConfig } from '../kafka.config';
import { InjectKafkaConfig } from '../kafka.tokens';
import { withTimeout } from '../with-timeout';

/**
 * The service's admin connection: creates the topics it needs with explicit partition
 * counts (the broker does not auto-create them) and answers health probes.
 */
@Injectable()
export class KafkaAdmin implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KafkaAdmin.name);
  private readonly admin: Admin;

  constructor(@InjectKafkaConfig() private readonly config: KafkaConfig) {
    this.admin = createKafkaClient(config, 'admin').admin();
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    await this.ensureTopics(Object.values(TOPICS));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin.disconnect();
  }

  /**
   * Creates missing topics and grows ones with fewer partitions than specified. Safe when
   * several services do it at once: "already exists" is success.
   */
  async ensureTopics(specs: readonly TopicSpec[]): Promise<void> {
    const existing = new Set(await this.admin.listTopics());
    const missing = specs.filter((s) => !existing.has(topicName(this.config.prefix, s)));
    if (missing.length > 0) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: topicName(this.config.prefix, s),
          numPartitions: s.partitions,
          replicationFactor: -1,
          configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
      this.logger.log(`created topics ${missing.map((s) => topicName(this.config.prefix, s)).join(', ')}`);
    }
    await this.growPartitions(specs.filter((s) => existing.has(topicName(this.config.prefix, s))));
    await this.waitForLeaders(specs);
  }

  /**
   * A topic another instance has just created can be listed before its partitions have
   * leaders, and subscribing to it then fails; wait until every partition has one.
   */
  private async waitForLeaders(specs: readonly TopicSpec[], timeoutMs = 30_000): Promise<void> {
    const names = specs.map((s) => topicName(this.config.prefix, s));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = await this.admin
        .fetchTopicMetadata({ topics: names })
        .then(({ topics }) =>
          specs.every((spec) => {
            const found = topics.find((t) => t.name === topicName(this.config.prefix, spec));
            return (
              found !== undefined &&
              found.partitions.length >= spec.partitions &&
              found.partitions.every((p) => p.leader >= 0)
            );
          }),
        )
        .catch(() => false);
      if (ready) return;
      if (Date.now() > deadline)
        throw new Error(`topics ${names.join(', ')} have no leaders after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private async growPartitions(specs: readonly TopicSpec[]): Promise<void> {
    if (specs.length === 0) return;
    const { topics } = await this.admin.fetchTopicMetadata({
      topics: specs.map((s) => topicName(this.config.prefix, s)),
    });
    const grow = specs.filter((s) => {
      const found = topics.find((t) => t.name === topicName(this.config.prefix, s));
      return found !== undefined && found.partitions.length < s.partitions;
    });
    if (grow.length === 0) return;
    await this.admin.createPartitions({
      topicPartitions: grow.map((s) => ({ topic: topicName(this.config.prefix, s), count: s.partitions })),
    });
  }

  /** Resolves when a broker answers a metadata request within `timeoutMs`. */
  async ping(timeoutMs = 2_000): Promise<{ brokers: number }> {
    const cluster = await withTimeout(this.admin.describeCluster(), timeoutMs, 'Kafka did not answer');
    return { brokers: cluster.brokers.length };
  }
}
