import type { Consumer } from 'kafkajs';
import { IntervalCommits } from './interval-commits';

/** A consumer that records commits and lets the test fire its REBALANCING listeners. */
function stubConsumer() {
  const commits: unknown[] = [];
  const listeners: (() => void)[] = [];
  const consumer = {
    events: { REBALANCING: 'consumer.rebalancing' },
    on: (_event: string, listener: () => void) => listeners.push(listener),
    commitOffsets: (offsets: unknown) => {
      commits.push(offsets);
      return Promise.resolve();
    },
  } as unknown as Consumer;
  return { consumer, commits, rebalance: () => listeners.forEach((l) => l()) };
}

describe('IntervalCommits', () => {
  it('commits, per partition, the offset after the last handled record, once per flush', async () => {
    const { consumer, commits } = stubConsumer();
    const commitsOf = new IntervalCommits(consumer, 1_000, () => undefined);
    commitsOf.handled('t1', 0, '5');
    commitsOf.handled('t1', 0, '6');
    commitsOf.handled('t1', 3, '9007199254740993'); // beyond a double's precision
    commitsOf.handled('t2', 1, '0');
    await commitsOf.flush();
    expect(commits).toEqual([
      [
        { topic: 't1', partition: 0, offset: '7' },
        { topic: 't1', partition: 3, offset: '9007199254740994' },
        { topic: 't2', partition: 1, offset: '1' },
      ],
    ]);
    await commitsOf.flush();
    expect(commits).toHaveLength(1); // nothing new: no request
  });

  it('drops what is pending at a rebalance, and reports a failed commit without throwing', async () => {
    const { consumer, commits, rebalance } = stubConsumer();
    const errors: string[] = [];
    const commitsOf = new IntervalCommits(consumer, 1_000, (err) => errors.push(err.message));
    commitsOf.handled('t1', 0, '5');
    rebalance();
    await commitsOf.flush();
    expect(commits).toEqual([]);

    consumer.commitOffsets = () => Promise.reject(new Error('coordinator away'));
    commitsOf.handled('t1', 0, '6');
    await expect(commitsOf.flush()).resolves.toBeUndefined();
    expect(errors).toEqual(['coordinator away']);
  });

  it('commits on its timer, and what is pending when stopped', async () => {
    jest.useFakeTimers();
    try {
      const { consumer, commits } = stubConsumer();
      const commitsOf = new IntervalCommits(consumer, 1_000, () => undefined);
      commitsOf.start();
      commitsOf.handled('t1', 0, '1');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(commits).toEqual([[{ topic: 't1', partition: 0, offset: '2' }]]);
      commitsOf.handled('t1', 0, '2');
      await commitsOf.stop();
      expect(commits).toHaveLength(2);
      await jest.advanceTimersByTimeAsync(5_000);
      expect(commits).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
