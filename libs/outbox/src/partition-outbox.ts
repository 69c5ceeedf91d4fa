import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Envelope, TopicSpec } from '@chat/contracts';
import { Database, PeriodicTask, TxClient } from '@chat/db';
import {
  EnvelopeProducer,
  isTransientError,
  retryBackoff,
  SerializedRecord,
  serializeRecord,
} from '@chat/kafka';
import { outboxRecord, OutboxRow } from './outbox-row';
import { OutboxConfig } from './outbox.config';
import { InjectOutboxConfig } from './outbox.tokens';

/** A record a partition's owner publishes once its transaction has committed. */
export interface ShardRecord {
  /** The shard of the partition whose command caused it: that partition's owner publishes it. */
  shard: string;
  topic: TopicSpec;
  key: string;
  envelope: Envelope;
}

/** Records written to the outbox by `write`, ready for `publish` after the commit. */
export interface PendingRecords {
  ids: string[];
  records: SerializedRecord[];
}

/**
 * The outbox of a partitioned consumer, with no relay in between and no lease: the owner
 * of a command partition writes the records its batch causes in the batch's transaction,
 * under the partition's shard, publishes them itself right after COMMIT and only then lets
 * its offsets move; then it deletes them. If it dies between COMMIT and publishing, the
 * records stay in the outbox and the partition's next owner publishes them (`takeOver`,
 * called on every assignment before that partition's first batch), so pushes stall no
 * longer than the consumer group's failover. Records of one shard leave in the order they
 * were written; delivery is at-least-once (consumers dedupe by envelope id or per-user seq).
 */
@Injectable()
export class PartitionOutbox implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(PartitionOutbox.name);
  /** Shards this instance owns now (the latest assignment). */
  private owned: string[] = [];
  private stopped = false;
  /** Published records waiting for their delete, and the delete loop in flight. */
  private doomed: string[] = [];
  private deleting?: Promise<void>;
  /** Records this instance published (after commits and on take-over), for tests and metrics. */
  published = 0;
  /**
   * Publishes records of owned shards older than a sweep interval: left by a publish that
   * failed after its commit (the broker away past its retries) while the owner lived on.
   */
  private readonly sweeper: PeriodicTask;

  constructor(
    private readonly db: Database,
    private readonly producer: EnvelopeProducer,
    @InjectOutboxConfig() private readonly config: OutboxConfig,
  ) {
    this.sweeper = new PeriodicTask({
      name: 'sweeping the partition outbox',
      intervalMs: config.sweepMs,
      pass: () => this.sweep(),
      logger: this.logger,
    });
  }

  onModuleInit(): void {
    this.sweeper.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.sweeper.stop();
    await this.deleting;
  }

  /**
   * Adds `records` to the outbox, each under its shard, with one statement, in `tx`; they
   * keep their order (`created_at` strictly increases through the list).
   */
  async write(tx: TxClient, records: readonly ShardRecord[]): Promise<PendingRecords> {
    const serialized = records.map(({ topic, key, envelope }) => serializeRecord(topic.name, key, envelope));
    const ids = records.map((r) => r.envelope.id);
    if (ids.length === 0) return { ids, records: serialized };
    // A plain INSERT (fresh ids), as OutboxWriter's: ON CONFLICT would read shared index pages.
    await tx.query(
      `INSERT INTO outbox (id, topic, record_key, envelope, shard, created_at)
         SELECT i, t, k, e, s, clock_timestamp() + o * INTERVAL '1 microsecond'
           FROM unnest($1::UUID[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[]) WITH ORDINALITY AS x(i, t, k, e, s, o)`,
      [
        ids,
        serialized.map((r) => r.topic),
        serialized.map((r) => r.key),
        serialized.map((r) => r.value),
        records.map((r) => r.shard),
      ],
    );
    return { ids, records: serialized };
  }

  /**
   * Publishes committed records, retrying a broker that is away until it answers (or this
   * instance stops: then it throws, the offsets stay, and the next owner publishes them),
   * then has them deleted off the caller's path. A failed delete only means a later duplicate.
   */
  async publish(pending: PendingRecords): Promise<void> {
    if (pending.ids.length === 0) return;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.producer.publishSerialized(pending.records);
        break;
      } catch (err) {
        if (this.stopped || !isTransientError(err)) throw err;
        this.logger.warn(
          `publishing ${pending.ids.length} records failed (attempt ${attempt}): ${(err as Error).message}`,
        );
        await retryBackoff(attempt);
      }
    }
    this.published += pending.ids.length;
    this.deleteSoon(pending.ids);
  }

  /**
   * This instance now owns `shards`: publishes, oldest first, whatever a previous owner
   * committed and did not publish. Retries until done (or this instance stops), so the
   * caller can make the shards' next batches wait for it.
   */
  async takeOver(shards: readonly string[]): Promise<void> {
    this.owned = [...shards];
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.drain(shards, 0);
        return;
      } catch (err) {
        this.logger.warn(
          `taking over the outbox of ${shards.length} shards failed (attempt ${attempt}): ${(err as Error).message}`,
        );
        await retryBackoff(attempt);
      }
    }
  }

  private async sweep(): Promise<void> {
    if (this.owned.length > 0) await this.drain(this.owned, this.config.sweepMs);
  }

  /** Publishes and deletes the shards' records older than `minAgeMs`, a batch at a time. */
  private async drain(shards: readonly string[], minAgeMs: number): Promise<void> {
    if (shards.length === 0) return;
    for (;;) {
      // READ COMMITTED (see TxOptions.isolation): which rows a pass picks needs no serializability.
      const { rows } = await this.db.withTransaction(
        (tx) =>
          tx.query<OutboxRow>(
            `SELECT id, topic, record_key, envelope FROM outbox
              WHERE shard = ANY($1::TEXT[]) AND created_at < now() - $2 * INTERVAL '1 millisecond'
              ORDER BY created_at, id LIMIT $3`,
            [shards, minAgeMs, this.config.batchSize],
          ),
        { name: 'partition-outbox.select', isolation: 'read committed' },
      );
      if (rows.length === 0) return;
      const records = rows.map(outboxRecord);
      await this.producer.publishSerialized(records);
      this.published += rows.length;
      this.logger.warn(
        `published ${rows.length} outbox records a previous owner left (${shards.join(', ')})`,
      );
      await this.delete(rows.map((r) => r.id));
      if (rows.length < this.config.batchSize) return;
    }
  }

  /**
   * Deletes published records off the run's path: ids queue up while one delete is in
   * flight and the next deletes them all with one statement. Until then (or if the
   * process dies first) they are only duplicates-to-be, which the sweep would publish
   * again after `sweepMs`; deletes run far sooner than that.
   */
  private deleteSoon(ids: readonly string[]): void {
    this.doomed.push(...ids);
    if (this.deleting) return;
    this.deleting = (async () => {
      while (this.doomed.length > 0) {
        const batch = this.doomed.splice(0, this.doomed.length);
        await this.delete(batch).catch((err: Error) => {
          this.logger.warn(`could not delete ${batch.length} published outbox records: ${err.message}`);
        });
      }
      this.deleting = undefined;
    })();
  }

  private async delete(ids: readonly string[]): Promise<void> {
    await this.db.withTransaction((tx) => tx.query(`DELETE FROM outbox WHERE id = ANY($1::UUID[])`, [ids]), {
      name: 'partition-outbox.delete',
      isolation: 'read committed',
    });
  }
}
