import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Database } from '@chat/db';
import { EnvelopeProducer, InjectKafkaConfig, KafkaConfig } from '@chat/kafka';
import { outboxRecord, OutboxRow } from './outbox-row';
import { OutboxConfig } from './outbox.config';
import { InjectOutboxConfig } from './outbox.tokens';

const LEASE = 'outbox-relay';

/**
 * Publishes the outbox to Kafka, oldest first, then deletes what was acknowledged. One
 * relay holds the lease at a time (across every service instance sharing the database),
 * so records of one key leave in order. A crash between publish and delete republishes
 * those records: delivery is at-least-once and consumers dedupe by envelope id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly holder: string;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  private inFlight = false;
  private again = false;
  /** Another relay held the lease at the last pass. */
  private standby = false;
  /** Records published since start, for tests and metrics. */
  published = 0;

  constructor(
    private readonly db: Database,
    private readonly producer: EnvelopeProducer,
    @InjectOutboxConfig() private readonly config: OutboxConfig,
    @InjectKafkaConfig() kafka: KafkaConfig,
  ) {
    this.holder = `${kafka.clientId}:${kafka.instanceId}`;
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops after the pass in flight and hands the lease back, before the producer disconnects. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.db
      .query(`DELETE FROM outbox_lease WHERE name = $1 AND holder = $2`, [LEASE, this.holder])
      .catch((err: Error) => this.logger.warn(`could not release the outbox lease: ${err.message}`));
  }

  /** Asks for a pass soon: a transaction has just written to the outbox. */
  nudge(): void {
    // Without the lease a pass publishes nothing; the holder's next poll (pollMs) takes the rows.
    if (this.stopped || this.standby) return;
    if (this.inFlight) this.again = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delayMs);
  }

  /** Runs one pass at a time; a nudge during a pass asks for another right after it. */
  private run(): void {
    this.inFlight = true;
    this.again = false;
    this.running = this.pass().then(
      (state) => {
        this.inFlight = false;
        this.standby = state === 'standby';
        if (state === 'full' || this.again) this.schedule(0);
        // A relay without the lease only needs to notice, within a lease, that the holder is gone.
        else this.schedule(state === 'standby' ? this.standbyMs : this.config.pollMs);
      },
      (err: Error) => {
        this.inFlight = false;
        this.logger.warn(`outbox pass failed: ${err.message}`);
        this.schedule(Math.max(this.config.pollMs, 1_000));
      },
    );
  }

  /** Between a standby relay's attempts to take the lease: a fraction of the lease, so takeover stays prompt. */
  private get standbyMs(): number {
    return Math.max(this.config.pollMs, Math.floor(this.config.leaseMs / 4));
  }

  /**
   * One pass: renew or take the lease, publish a batch, delete it. Resolves `standby` when
   * another relay holds the lease, `full` when the batch was full (more may be waiting).
   */
  private async pass(): Promise<'standby' | 'full' | 'done'> {
    if (!(await this.holdLease())) return 'standby';
    // READ COMMITTED (see TxOptions.isolation): which rows a pass picks needs no serializability.
    const { rows } = await this.db.withTransaction(
      (tx) =>
        tx.query<OutboxRow>(
          `SELECT id, topic, record_key, envelope FROM outbox WHERE shard IS NULL ORDER BY created_at, id LIMIT $1`,
          [this.config.batchSize],
        ),
      { name: 'outbox.select', isolation: 'read committed' },
    );
    if (rows.length === 0) return 'done';
    await this.producer.publishSerialized(rows.map(outboxRecord));
    // Retried on 40001 like every write: a failed delete would publish the batch again.
    await this.db.withTransaction(
      (tx) => tx.query(`DELETE FROM outbox WHERE id = ANY($1::UUID[])`, [rows.map((r) => r.id)]),
      { name: 'outbox.delete', isolation: 'read committed' },
    );
    this.published += rows.length;
    return rows.length === this.config.batchSize ? 'full' : 'done';
  }

  /** Takes the lease if it is free or expired, or renews our own; true when we hold it. */
  private async holdLease(): Promise<boolean> {
    const { rows } = await this.db.withTransaction(
      (tx) =>
        tx.query<{ holder: string }>(
          `INSERT INTO outbox_lease (name, holder, expires_at) VALUES ($1, $2, now() + $3 * INTERVAL '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE outbox_lease.holder = excluded.holder OR outbox_lease.expires_at < now()
       RETURNING holder`,
          [LEASE, this.holder, this.config.leaseMs],
        ),
      { name: 'outbox.lease' },
    );
    return rows.length === 1;
  }
}
