import type { Consumer } from 'kafkajs';

/**
 * Commits the offsets of handled records every `intervalMs`, in one request, instead of
 * kafkajs' commit after every fetched batch, which at a steady trickle of records is one
 * round trip per partition per fetch, and costs a consumer more CPU than the records do.
 *
 * Meant for a group of one instance whose committed offsets only feed the lag metric (each
 * gateway's own group): what was handled since the last commit is read again by a restart
 * under the same group, as with any at-least-once consumer. Pending offsets are dropped at
 * a rebalance, so a partition that moved is never committed by its former owner.
 */
export class IntervalCommits {
  /** The last handled offset by topic, then partition. */
  private readonly pending = new Map<string, string[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly consumer: Consumer,
    private readonly intervalMs: number,
    private readonly onError: (err: Error) => void,
  ) {
    consumer.on(consumer.events.REBALANCING, () => this.pending.clear());
  }

  /** Record `offset` of `topic`/`partition` is finished (records of a partition finish in order). */
  handled(topic: string, partition: number, offset: string): void {
    let partitions = this.pending.get(topic);
    if (!partitions) this.pending.set(topic, (partitions = []));
    partitions[partition] = offset;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and commits what is pending. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Commits, for each partition with handled records, the offset after the last one. */
  async flush(): Promise<void> {
    const offsets: { topic: string; partition: number; offset: string }[] = [];
    for (const [topic, partitions] of this.pending)
      partitions.forEach((offset, partition) =>
        offsets.push({ topic, partition, offset: (BigInt(offset) + 1n).toString() }),
      );
    this.pending.clear();
    if (offsets.length === 0) return;
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (err) {
      this.onError(err as Error); // the next commit, or a rebalance, carries on from here
    }
  }
}
