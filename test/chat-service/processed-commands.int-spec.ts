import { randomUUID } from 'node:crypto';
import { ProcessedCommandsPruner } from '@chat/commands';
import { ChatWorkerHarness } from './chat-worker.harness';

/** Command ids are kept only while Kafka may redeliver their records. */
describe('chat worker: pruning processed command ids (real SQL)', () => {
  const h = new ChatWorkerHarness();

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('removes ids older than the retention and keeps recent ones', async () => {
    const [old, recent] = [randomUUID(), randomUUID()];
    await h.db.query(
      `INSERT INTO processed_commands (command_id, processed_at) VALUES ($1, now() - interval '9 days'), ($2, now())`,
      [old, recent],
    );
    const pruner = h.apps[0].get(ProcessedCommandsPruner);
    while ((await pruner.prune()) > 0);
    const { rows } = await h.db.query<{ command_id: string }>(
      `SELECT command_id FROM processed_commands WHERE command_id = ANY($1::UUID[])`,
      [[old, recent]],
    );
    expect(rows.map((r) => r.command_id)).toEqual([recent]);
  });
});
