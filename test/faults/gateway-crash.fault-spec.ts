import { randomUUID } from 'node:crypto';
import { ApiClient } from '../support/api-client';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { TestSocket } from '../support/test-socket';
import { waitFor } from '../support/wait-for';
import { printReport, scaled } from './support/fault-report';
import { messageFrames, pause, pool, storedMessages, syncAll } from './support/fault-clients';
import { ServiceProcess } from './support/service-process';

/**
 * Scenario 2 (issue 7): clients on a gateway process that is SIGKILLed mid-conversation
 * reconnect to another gateway and catch up through `/sync` from the last seq they
 * processed, while their peers keep sending; together, pushes before the kill, the sync
 * and pushes on the new socket hold every stored message.
 */
describe('Gateway crash (faults)', () => {
  const PAIRS = scaled(5, 20);
  const PER_PAIR = scaled(40, 100);
  const system = new SystemUnderTest({ gateways: 1, chatWorkers: 1, chatupWorkers: 0 });
  let doomed: ServiceProcess;

  beforeAll(async () => {
    await system.start();
    doomed = await ServiceProcess.create('api-gateway', `doomed-gw-${randomUUID().slice(0, 6)}`);
    await doomed.start();
  }, 120_000);

  afterAll(async () => {
    await doomed?.stop();
    await system.stop();
  }, 60_000);

  it('loses nothing for clients whose gateway was SIGKILLed', async () => {
    // Receivers on the gateway that will die; senders on the surviving one.
    const pairs = await pool(
      Array.from({ length: PAIRS }, (_, i) => i),
      4,
      async () => {
        const [receiver, sender] = await Promise.all([
          ChatUser.create(doomed.url),
          ChatUser.create(system.baseUrl),
        ]);
        const { chatId } = await sender.succeed<{ chatId: string }>('POST', '/chats/private', {
          userId: receiver.id,
        });
        return { receiver, sender, chatId };
      },
    );
    const sendAll = (from: number, to: number) =>
      pool(pairs, PAIRS, async (p) => {
        for (let i = from; i < to; i++)
          await p.sender.command('POST', `/chats/${p.chatId}/messages`, {
            clientMessageId: randomUUID(),
            content: `g${i}`,
          });
      });

    await sendAll(0, PER_PAIR / 2);
    // Killed mid-stream: each receiver has processed part of the first half.
    await waitFor(
      'the first pushes at every receiver',
      () => pairs.every((p) => messageFrames(p.receiver).length >= PER_PAIR / 4),
      60_000,
    );
    await doomed.kill('SIGKILL');
    // Traffic keeps flowing while the receivers are cut off AND while they resume: each
    // sender goes on until every receiver has resumed, and a few messages more after that.
    let resumedAll = false;
    let sent = (PAIRS * PER_PAIR) / 2;
    const flowing = pool(pairs, PAIRS, async (p) => {
      let after = 0;
      for (let i = PER_PAIR / 2; i < PER_PAIR || !resumedAll || after < 5; i++) {
        await p.sender.command('POST', `/chats/${p.chatId}/messages`, {
          clientMessageId: randomUUID(),
          content: `g${i}`,
        });
        sent++;
        if (resumedAll) after++;
        await pause(20);
      }
    });
    const sockets = pairs.map((p) => p.receiver.socket);
    await waitFor('every receiver to see its socket drop', () => sockets.every((s) => s.closed), 30_000);

    // Each receiver resumes on the surviving gateway as the SDK does: a new socket (whose
    // `ready` names the head), then `/sync` from the last seq it processed before the drop;
    // from then on pushes on the new socket carry what comes next.
    const resumed = await Promise.all(
      pairs.map(async (p) => {
        const seen = p.receiver.socket.frames.filter((f) => f.seq !== undefined);
        const lastSeq = Math.max(0, ...seen.map((f) => f.seq!));
        const before = new Set(messageFrames(p.receiver).map((f) => f.data.id));
        const socket = await TestSocket.ready(system.baseUrl, p.receiver.token);
        const caughtUp = await syncAll(new ApiClient(system.baseUrl), p.receiver.token, lastSeq);
        const synced = new Set(
          caughtUp.filter((e) => e.type === 'message.created').map((e) => e.data.id as string),
        );
        return { p, socket, before, synced };
      }),
    );
    resumedAll = true;
    await flowing;
    const chatIds = pairs.map((p) => p.chatId);
    await waitFor(
      'every accepted message stored',
      async () => (await storedMessages(chatIds)).length === sent,
      60_000,
      500,
    );
    const rows = await storedMessages(chatIds);
    const afterResume = (r: (typeof resumed)[number]) =>
      new Set(
        (r.socket.frames as { type: string; data: { id: string } }[])
          .filter((f) => f.type === 'message.created')
          .map((f) => f.data.id),
      );
    const expectedOf = (r: (typeof resumed)[number]) =>
      rows.filter((row) => row.chat_id === r.p.chatId).map((row) => row.id);
    const has = (r: (typeof resumed)[number], id: string, pushed: Set<string>) =>
      r.before.has(id) || r.synced.has(id) || pushed.has(id);
    await waitFor(
      'every stored message at its resumed receiver',
      () => resumed.every((r) => expectedOf(r).every((id) => has(r, id, afterResume(r)))),
      60_000,
      500,
    ).catch(() => undefined); // counted below

    let viaPush = 0;
    let viaSync = 0;
    let viaNewSocket = 0;
    let missing = 0;
    for (const r of resumed) {
      const pushed = afterResume(r);
      viaPush += r.before.size;
      viaSync += r.synced.size;
      viaNewSocket += [...pushed].filter((id) => !r.before.has(id) && !r.synced.has(id)).length;
      missing += expectedOf(r).filter((id) => !has(r, id, pushed)).length;
      await r.socket.close();
    }

    printReport('gateway crash', {
      'receivers on the killed gateway': PAIRS,
      'messages sent and stored (traffic through the resume)': rows.length,
      'received as pushes before the kill': viaPush,
      'recovered through /sync on another gateway': viaSync,
      'pushed on the new socket only (sent during and after the resume)': viaNewSocket,
      'missing after resume': missing,
    });
    expect(rows.length).toBe(sent);
    expect(sent).toBeGreaterThanOrEqual(PAIRS * PER_PAIR);
    expect(missing).toBe(0);
    expect(viaSync).toBeGreaterThan(0);
    expect(viaNewSocket).toBeGreaterThan(0);
  }, 300_000);
});
