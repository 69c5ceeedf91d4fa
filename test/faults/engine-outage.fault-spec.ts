import { randomUUID } from 'node:crypto';
import { ChatUser } from '../support/chat-user';
import { waitFor } from '../support/wait-for';
import { withEngineDown } from './support/engine-control';
import { printReport, scaled } from './support/fault-report';
import { pause, storedMessages, syncAll } from './support/fault-clients';
import { ServiceProcess } from './support/service-process';

interface Attempt {
  clientMessageId: string;
  status: number;
  commandId?: string;
  ms: number;
}

/**
 * Scenario 3 (issue 7): the database, then Kafka, taken away for OUTAGE_MS under load.
 * Every command is either accepted (202) and later processed, or refused with a 503 that
 * says so; no other answer, and the services recover without a restart.
 */
describe('Engine outages (faults)', () => {
  const OUTAGE_MS = scaled(20_000, 30_000);
  const tag = randomUUID().slice(0, 6);
  let worker: ServiceProcess;
  let gateway: ServiceProcess;
  let alice: ChatUser;
  let bob: ChatUser;
  let chatId: string;

  beforeAll(async () => {
    worker = await ServiceProcess.create('chat-service', `outage-w-${tag}`, {
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
    gateway = await ServiceProcess.create('api-gateway', `outage-gw-${tag}`);
    await worker.start();
    await gateway.start();
    [alice, bob] = await Promise.all([ChatUser.create(gateway.url), ChatUser.create(gateway.url)]);
    ({ chatId } = await alice.succeed<{ chatId: string }>('POST', '/chats/private', { userId: bob.id }));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close()]);
    await Promise.allSettled([gateway?.stop(), worker?.stop()]);
  }, 60_000);

  /** Sends messages from 4 lanes until `until()`; records every answer. */
  async function load(until: () => boolean): Promise<Attempt[]> {
    const attempts: Attempt[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!until()) {
          const clientMessageId = randomUUID();
          const began = Date.now();
          // No answer within 15 s counts as status 0: a hang is a failure too.
          const noAnswer: { status: number; body: { commandId?: string } } = { status: 0, body: {} };
          const res = await Promise.race([
            alice.request<{ commandId?: string }>('POST', `/chats/${chatId}/messages`, {
              clientMessageId,
              content: 'during an outage',
            }),
            pause(15_000).then(() => noAnswer),
          ]).catch(() => noAnswer);
          attempts.push({
            clientMessageId,
            status: res.status,
            commandId: res.body.commandId,
            ms: Date.now() - began,
          });
          await pause(100);
        }
      }),
    );
    return attempts;
  }

  async function outage(engine: 'postgres' | 'kafka') {
    let done = false;
    const attempts = load(() => done);
    await pause(1_000); // load running before the outage
    // Health names the missing dependency while it is away (each probe bounded: a probe
    // that hangs is a finding, not a reason to keep the shared engine down).
    let queryDuring = 0;
    const { downMs, result: healthDuring } = await withEngineDown(engine, OUTAGE_MS, () =>
      waitFor(
        '/health to report the outage',
        async () => {
          const r = await fetch(`${gateway.url}/health`, { signal: AbortSignal.timeout(5_000) });
          if (r.status !== 503) return false;
          // A query needs the database: it says 503 (retry) too, not 500.
          const query = await fetch(`${gateway.url}/users/me/chats`, {
            headers: { authorization: `Bearer ${alice.token}` },
            signal: AbortSignal.timeout(5_000),
          });
          queryDuring = query.status;
          return r.status;
        },
        OUTAGE_MS - 2_000,
        500,
      ),
    );
    const upAt = Date.now();
    // Both services recover by themselves: healthy and ready again, same processes.
    await Promise.all([gateway.ready(120_000), worker.ready(120_000)]);
    const recoveredMs = Date.now() - upAt;
    await pause(2_000); // some load after recovery
    done = true;
    const all = await attempts;

    const accepted = all.filter((a) => a.status === 202);
    const refused = all.filter((a) => a.status === 503);
    const other = all.filter((a) => a.status !== 202 && a.status !== 503);
    const acceptedIds = new Set(accepted.map((a) => a.commandId));
    // Every accepted command gets its outcome in the log once the engine is back: each
    // command id is waited for (a duplicate of one cannot stand in for another's).
    const isOutcome = (e: { type: string }) => e.type === 'command.succeeded' || e.type === 'command.failed';
    const outcomes = await waitFor(
      'an outcome for every accepted command',
      async () => {
        const events = await syncAll(alice.api, alice.token);
        const have = new Set(events.filter(isOutcome).map((e) => e.data.commandId as string));
        return accepted.every((a) => have.has(a.commandId!)) && events;
      },
      120_000,
      1_000,
    );
    const outcomesOf = new Map<string, number>();
    for (const e of outcomes.filter(isOutcome)) {
      const id = e.data.commandId as string;
      outcomesOf.set(id, (outcomesOf.get(id) ?? 0) + 1);
    }
    const stored = new Set((await storedMessages([chatId])).map((r) => r.client_message_id));
    const after = await alice.succeed<{ messageId: string }>('POST', `/chats/${chatId}/messages`, {
      clientMessageId: randomUUID(),
      content: 'after the outage',
    });

    const figures = {
      'outage (s)': (downMs / 1000).toFixed(1),
      '/health during outage': String(healthDuring),
      'GET /users/me/chats during outage': queryDuring,
      'ready again after (s)': (recoveredMs / 1000).toFixed(1),
      'commands sent': all.length,
      'accepted (202)': accepted.length,
      'refused (503)': refused.length,
      'other answers': other.map((a) => a.status).join(',') || 0,
      'slowest answer (ms)': Math.max(...all.map((a) => a.ms)),
      'accepted → outcome in log': outcomes.filter((e) => acceptedIds.has(e.data.commandId as string)).length,
      'accepted with ≠1 outcome': accepted.filter((a) => outcomesOf.get(a.commandId!) !== 1).length,
      'accepted, not stored (lost)': accepted.filter((a) => !stored.has(a.clientMessageId)).length,
      'refused, stored anyway (late ack)': refused.filter((a) => stored.has(a.clientMessageId)).length,
      'command.failed': outcomes.filter(
        (e) => e.type === 'command.failed' && acceptedIds.has(e.data.commandId as string),
      ).length,
      'process restarts / crashes': `${gateway.starts + worker.starts - 2} / ${gateway.unexpectedExits() + worker.unexpectedExits()}`,
    };
    printReport(`${engine} outage`, figures);

    expect(healthDuring).toBe(503);
    // Kafka away leaves queries working; the database away makes them 503.
    expect(queryDuring).toBe(engine === 'postgres' ? 503 : 200);
    expect(other).toEqual([]);
    expect(accepted.every((a) => stored.has(a.clientMessageId))).toBe(true);
    expect(figures['command.failed']).toBe(0);
    expect(figures['accepted with ≠1 outcome']).toBe(0);
    expect(after.messageId).toEqual(expect.any(String));
    expect(gateway.starts + worker.starts).toBe(2);
    expect(gateway.running && worker.running).toBe(true);
    return { accepted: accepted.length, refused: refused.length };
  }

  it('SQL away: commands are accepted and processed once it is back', async () => {
    const { accepted } = await outage('postgres');
    expect(accepted).toBeGreaterThan(0);
  }, 300_000);

  it('Kafka away: commands are refused with 503 (never 202 then silence), and flow again after', async () => {
    const { refused } = await outage('kafka');
    expect(refused).toBeGreaterThan(0);
  }, 300_000);
});
