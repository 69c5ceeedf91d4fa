import type { Client } from '@elastic/elasticsearch';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TOPICS, topicName } from '@chat/contracts';
import { createKafkaClient } from '@chat/kafka';
import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { createElasticsearchClient } from '../elasticsearch/create-elasticsearch-client';
import { dailyIndexName } from './log-index-name';
import { ensureLogIndexTemplate } from './log-index.template';
import { LogIndexerConfig } from './log-indexer.config';
import { deleteExpiredLogIndices } from './log-retention';

/** One log line on its way into its daily index; the id makes a redelivered record overwrite itself. */
interface LogDocument {
  index: string;
  id: string;
  line: string;
}

const RETRY_START_MS = 10_000;

/**
 * Reads the `logs` topic in the `log-indexer` group and writes each batch into the daily
 * `logs-chat-*` indices with the client's bulk helper, committing offsets only after
 * Elasticsearch took the batch (at-least-once; the `_id` from partition and offset makes a
 * repeat harmless). While Elasticsearch is away the batch fails and is retried by kafkajs,
 * so the topic (three days of retention) is the buffer. It also installs the index
 * template and deletes indices past retention. It never logs per batch: its own lines
 * would come back to it.
 */
export class LogIndexer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LogIndexer.name);
  private readonly es: Client;
  private readonly consumer: Consumer;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;
  private rejected = 0;

  constructor(
    private readonly config: LogIndexerConfig,
    env: NodeJS.ProcessEnv,
  ) {
    this.es = createElasticsearchClient(env);
    this.consumer = createKafkaClient(config.kafka, 'log-indexer').consumer({
      groupId: `${config.kafka.prefix}${config.group}`,
      sessionTimeout: config.kafka.sessionTimeoutMs,
      rebalanceTimeout: config.kafka.rebalanceTimeoutMs,
      heartbeatInterval: config.kafka.heartbeatIntervalMs,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 500,
    });
  }

  /** Starts in the background: indexing logs must never hold up (or fail) the service's start. */
  onApplicationBootstrap(): void {
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.retentionTimer);
    await this.consumer.disconnect().catch(() => undefined);
    await this.es.close().catch(() => undefined);
  }

  private async start(): Promise<void> {
    if (this.stopped) return;
    try {
      await ensureLogIndexTemplate(this.es, this.config.indexPrefix);
      await this.consumer.connect();
      await this.consumer.subscribe({
        topic: topicName(this.config.kafka.prefix, TOPICS.logs),
        fromBeginning: true,
      });
      await this.consumer.run({ eachBatch: (payload) => this.indexBatch(payload) });
    } catch (err) {
      if (this.stopped) return;
      this.logger.warn(
        `log indexer not started (${(err as Error).message}); retrying in ${RETRY_START_MS} ms`,
      );
      await this.consumer.disconnect().catch(() => undefined);
      this.retryTimer = setTimeout(() => void this.start(), RETRY_START_MS);
      return;
    }
    this.logger.log(`indexing ${TOPICS.logs.name} into ${this.config.indexPrefix}YYYY.MM.DD`);
    void this.applyRetention();
    this.retentionTimer = setInterval(() => void this.applyRetention(), this.config.retentionCheckMs);
    this.retentionTimer.unref();
  }

  private async indexBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const documents = batch.messages
      .map((message) => this.toDocument(batch.partition, message))
      .filter((doc): doc is LogDocument => doc !== undefined);
    const rejectedBefore = this.rejected;
    if (documents.length > 0) {
      await this.es.helpers.bulk<LogDocument>({
        datasource: documents,
        onDocument: (doc) => [{ index: { _index: doc.index, _id: doc.id } }, doc.line],
        onDrop: () => void this.rejected++,
        concurrency: 1,
        retries: 3,
        wait: 1_000,
      });
    }
    payload.resolveOffset(batch.lastOffset());
    await payload.heartbeat();
    if (this.rejected > rejectedBefore)
      this.logger.warn(
        `${this.rejected - rejectedBefore} log lines refused by Elasticsearch (${this.rejected} in all)`,
      );
  }

  /** A line that is not a JSON object cannot be indexed: it is counted and skipped. */
  private toDocument(partition: number, message: KafkaMessage): LogDocument | undefined {
    const line = message.value?.toString('utf8') ?? '';
    let timestamp: unknown;
    try {
      const parsed: unknown = JSON.parse(line);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object');
      timestamp = (parsed as Record<string, unknown>)['@timestamp'];
    } catch {
      this.rejected++;
      return undefined;
    }
    return {
      index: dailyIndexName(this.config.indexPrefix, timestamp),
      id: `${partition}-${message.offset}-${message.timestamp}`,
      line,
    };
  }

  private async applyRetention(): Promise<void> {
    try {
      const deleted = await deleteExpiredLogIndices(
        this.es,
        this.config.indexPrefix,
        this.config.retentionDays,
      );
      if (deleted.length > 0)
        this.logger.log(`deleted log indices past ${this.config.retentionDays} days: ${deleted.join(', ')}`);
    } catch (err) {
      this.logger.warn(`log retention check failed: ${(err as Error).message}`);
    }
  }
}
