import { Injectable } from '@nestjs/common';
import { Envelope, TopicSpec } from '@chat/contracts';
import { TxClient } from '@chat/db';
import { OutboxRelay } from './outbox.relay';

/**
 * Adds records to the transactional outbox: they are published to Kafka if and only if
 * the transaction commits. Write them after the state change in the same transaction,
 * so the records of one key are ordered as their changes were.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly relay: OutboxRelay) {}

  async add(tx: TxClient, topic: TopicSpec, key: string, envelope: Envelope): Promise<void> {
    await tx.query(
      // A plain INSERT: envelope ids are fresh. `ON CONFLICT` would read the primary key's
      // page first, and since the outbox is nearly empty every writer shares that page: under
      // PostgreSQL's SERIALIZABLE, any two concurrent commands then formed a read/write cycle
      // and one was aborted (the benchmark's largest source of retries, docs/benchmarks.md).
      `INSERT INTO outbox (id, topic, record_key, envelope) VALUES ($1, $2, $3, $4)`,
      [envelope.id, topic.name, key, JSON.stringify(envelope)],
    );
    // Asked after the commit: a pass started before it would find nothing and then sleep a
    // poll interval (measured: up to 100 ms added to a push, docs/benchmarks.md).
    if (tx.afterCommit) tx.afterCommit(() => this.relay.nudge());
    else this.relay.nudge();
  }
}
