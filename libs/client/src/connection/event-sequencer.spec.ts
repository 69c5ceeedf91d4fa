import { EventSequencer } from './event-sequencer';
import type { SequencedEvent } from './server-events';

const event = (seq: number): SequencedEvent => ({ seq, type: 'message.created', data: { n: seq } });

describe('EventSequencer', () => {
  function sequencer(last = 0) {
    const delivered: number[] = [];
    return { seq: new EventSequencer(last, (e) => delivered.push(e.seq)), delivered };
  }

  it('delivers in order, once, whatever order and how often events arrive', () => {
    const { seq, delivered } = sequencer();
    for (const n of [1, 3, 3, 5, 1, 2, 4, 2, 6, 5]) seq.accept(event(n));
    expect(delivered).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seq.lastSeq).toBe(6);
    expect(seq.hasGap).toBe(false);
  });

  it('holds events ahead of a gap until it is filled', () => {
    const { seq, delivered } = sequencer(10);
    expect(seq.accept(event(12))).toBe(true);
    expect(seq.accept(event(13))).toBe(true);
    expect(delivered).toEqual([]);
    expect(seq.hasGap).toBe(true);
    expect(seq.highestSeen).toBe(13);
    seq.accept(event(11));
    expect(delivered).toEqual([11, 12, 13]);
    expect(seq.hasGap).toBe(false);
  });

  it('reports duplicates and ignores what is at or below the last seq', () => {
    const { seq, delivered } = sequencer(5);
    expect(seq.accept(event(5))).toBe(false);
    expect(seq.accept(event(7))).toBe(true);
    expect(seq.accept(event(7))).toBe(false);
    expect(delivered).toEqual([]);
  });

  it('continues from nextAfter after a reset, dropping what waited below it', () => {
    const { seq, delivered } = sequencer(1);
    seq.accept(event(3));
    seq.accept(event(9));
    seq.reset(8);
    expect(delivered).toEqual([9]);
    expect(seq.lastSeq).toBe(9);
    expect(seq.hasGap).toBe(false);
  });
});
