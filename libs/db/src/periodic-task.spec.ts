import { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  const logger = { warn: jest.fn() } as unknown as Logger;

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A pass that stays in flight until `finish` is called. */
  function heldPass() {
    let finish: () => void = () => undefined;
    const pass = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    return { pass, finish: () => finish() };
  }

  it('runs a pass every interval, never two at once', async () => {
    const { pass, finish } = heldPass();
    const task = new PeriodicTask({ name: 'pruning', intervalMs: 100, pass, logger });
    task.start();
    await jest.advanceTimersByTimeAsync(350);
    expect(pass).toHaveBeenCalledTimes(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(pass).toHaveBeenCalledTimes(2);
    finish();
    await task.stop();
  });

  it('reports a failed pass as a warning and tries again next time', async () => {
    const pass = jest.fn().mockRejectedValueOnce(new Error('database away')).mockResolvedValue(0);
    const task = new PeriodicTask({ name: 'pruning', intervalMs: 100, pass, logger });
    task.start();
    await jest.advanceTimersByTimeAsync(200);
    expect(logger.warn).toHaveBeenCalledWith('pruning failed, next pass retries: database away');
    expect(pass).toHaveBeenCalledTimes(2);
    await task.stop();
  });

  it('stops: waits for the pass in flight and starts no other', async () => {
    const { pass, finish } = heldPass();
    const task = new PeriodicTask({ name: 'pruning', intervalMs: 100, pass, logger });
    task.start();
    await jest.advanceTimersByTimeAsync(100);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(pass).toHaveBeenCalledTimes(1);
  });
});
