import { LogShipper, LogShipperReport } from './log-shipper';
import { LogShippingConfig } from './log-shipping.config';
import { LogTransport } from './log-transport';

const config: LogShippingConfig = {
  service: 'test',
  brokers: ['unused:1'],
  topic: 'logs',
  bufferLimit: 10,
  batchSize: 4,
  flushIntervalMs: 10,
  reportIntervalMs: 20,
};

/** A transport whose behaviour each test chooses; records every batch it was given. */
function transport(behaviour: Partial<LogTransport> = {}): LogTransport & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    batches,
    connect: () => Promise.resolve(),
    send: (lines) => Promise.resolve(void batches.push([...lines])),
    disconnect: () => Promise.resolve(),
    ...behaviour,
  };
}

async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('LogShipper', () => {
  let shipper: LogShipper;
  afterEach(() => shipper.close());

  it('holds lines until started, then sends them in batches', async () => {
    const kafka = transport();
    shipper = new LogShipper(config, () => undefined, kafka);
    for (let i = 0; i < 9; i++) shipper.ship(`line ${i}`);
    expect(kafka.batches).toEqual([]);
    shipper.start();
    await until(() => shipper.stats().shipped === 9);
    expect(kafka.batches.map((b) => b.length)).toEqual([4, 4, 1]);
    expect(shipper.stats()).toEqual({ shipped: 9, dropped: 0, buffered: 0 });
  });

  it('never waits on Kafka: a full buffer drops and counts', () => {
    const kafka = transport({ send: () => new Promise<void>(() => undefined) }); // never acknowledges
    shipper = new LogShipper(config, () => undefined, kafka);
    shipper.start();
    const began = Date.now();
    for (let i = 0; i < 1_000; i++) shipper.ship(`line ${i}`);
    expect(Date.now() - began).toBeLessThan(100);
    const { dropped, buffered } = shipper.stats();
    expect(buffered).toBeLessThanOrEqual(config.bufferLimit);
    expect(dropped + buffered + config.batchSize).toBeGreaterThanOrEqual(1_000);
  });

  it('counts and reports drops while Kafka is unreachable', async () => {
    const reports: LogShipperReport[] = [];
    const kafka = transport({ connect: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) });
    shipper = new LogShipper(config, (r) => reports.push(r), kafka);
    shipper.start();
    for (let i = 0; i < 25; i++) shipper.ship(`line ${i}`);
    expect(shipper.stats()).toEqual({ shipped: 0, dropped: 15, buffered: 10 });
    await until(() => reports.some((r) => r.message.includes('dropped 15 lines')));
    expect(reports[0].message).toContain('unavailable (connect ECONNREFUSED 127.0.0.1:1)');
    expect(reports.find((r) => r.message.includes('dropped'))).toMatchObject({ 'labels.logs_dropped': 15 });
  });

  it('drops and counts a batch Kafka refused', async () => {
    const kafka = transport({ send: () => Promise.reject(new Error('not leader')) });
    shipper = new LogShipper(config, () => undefined, kafka);
    shipper.start();
    for (let i = 0; i < 4; i++) shipper.ship(`line ${i}`);
    await until(() => shipper.stats().dropped === 4);
    expect(shipper.stats()).toEqual({ shipped: 0, dropped: 4, buffered: 0 });
  });

  it('flushes what is buffered at close and drops what comes after', async () => {
    const kafka = transport();
    shipper = new LogShipper({ ...config, flushIntervalMs: 60_000 }, () => undefined, kafka);
    shipper.start();
    await until(() => true);
    shipper.ship('last words');
    await shipper.close();
    shipper.ship('too late');
    expect(kafka.batches.flat()).toContain('last words');
    expect(shipper.stats()).toEqual({ shipped: 1, dropped: 1, buffered: 0 });
  });
});
