import { SendCoalescer } from './send-coalescer';

/** A sender whose batches stay in flight until released, recording what each held. */
function gatedSender() {
  const batches: number[][] = [];
  const gates: { release: () => void; fail: (err: Error) => void }[] = [];
  const send = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      gates.push({ release: resolve, fail: reject });
    });
  return { batches, gates, send };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('SendCoalescer', () => {
  it('sends a lone item at once, and what arrives meanwhile together in the next batch', async () => {
    const { batches, gates, send } = gatedSender();
    const coalescer = new SendCoalescer(send);
    const first = coalescer.send(1);
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => coalescer.send(n));
    await flush();
    expect(batches).toHaveLength(1);
    gates[0].release();
    await first;
    await flush();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates[1].release();
    await Promise.all(rest);
  });

  it('rejects exactly the items of a failed batch and goes on with the next', async () => {
    const { batches, gates, send } = gatedSender();
    const coalescer = new SendCoalescer(send);
    const first = coalescer.send(1);
    const second = coalescer.send(2);
    gates[0].fail(new Error('broker away'));
    await expect(first).rejects.toThrow('broker away');
    await flush();
    expect(batches).toEqual([[1], [2]]);
    gates[1].release();
    await expect(second).resolves.toBeUndefined();
  });

  it('caps a batch at maxBatch items', async () => {
    const { batches, gates, send } = gatedSender();
    const coalescer = new SendCoalescer(send, 2);
    const all = [1, 2, 3, 4, 5].map((n) => coalescer.send(n));
    for (let i = 0; i < 3; i++) {
      await flush();
      gates[i].release();
    }
    await Promise.all(all);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });
});
