import { randomUUID } from 'node:crypto';
import { ApiClient } from '../support/api-client';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { TestSocket } from '../support/test-socket';
import { waitFor } from '../support/wait-for';
import { printReport, scaled } from './support/fault-report';
import { messageFrames, pool, storedMessages, syncAll } from './support/fault-clients';
import { ServiceProcess } from './support/service-process';

/**
 * Scenario 2 (issue 7): clients on a gateway process that is SIGKILLed mid-conversation
 * reconnect to another gateway and catch up through `/sync` from the last seq they
 * processed; together, pushes and sync hold every stored message.
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
    await sendAll(PER_PAIR / 2, PER_PAIR); // while the receivers are cut off
    const sockets = pairs.map((p) => p.receiver.socket);
    await waitFor('every receiver to see its socket drop', () => sockets.every((s) => s.closed), 30_000);

    let viaPush = 0;
    let viaSync = 0;
    let missing = 0;
    const chatIds = pairs.map((p) => p.chatId);
    await waitFor(
      'every message stored',
      async () => (await storedMessages(chatIds)).length === PAIRS * PER_PAIR,
      60_000,
      500,
    );
    const rows = await storedMessages(pairs.map((p) => p.chatId));
    for (const p of pairs) {
      // The client's saved position: the last seq it processed before the drop.
      const seen = p.receiver.socket.frames.filter((f) => f.seq !== undefined);
      const lastSeq = Math.max(0, ...seen.map((f) => f.seq!));
      const before = new Set(messageFrames(p.receiver).map((f) => f.data.id));
      // Reconnect to the surviving gateway and catch up from there.
      const socket = await TestSocket.ready(system.baseUrl, p.receiver.token);
      const caughtUp = await syncAll(new ApiClient(system.baseUrl), p.receiver.token, lastSeq);
      await socket.close();
      const synced = new Set(
        caughtUp.filter((e) => e.type === 'message.created').map((e) => e.data.id as string),
      );
      const expected = rows.filter((r) => r.chat_id === p.chatId).map((r) => r.id);
      viaPush += before.size;
      viaSync += synced.size;
      missing += expected.filter((id) => !before.has(id) && !synced.has(id)).length;
    }

    printReport('gateway crash', {
      'receivers on the killed gateway': PAIRS,
      'messages sent / stored': `${PAIRS * PER_PAIR} / ${rows.length}`,
      'received as pushes before the kill': viaPush,
      'recovered through /sync on another gateway': viaSync,
      'missing after resume': missing,
    });
    expect(rows.length).toBe(PAIRS * PER_PAIR);
    expect(missing).toBe(0);
    expect(viaSync).toBeGreaterThan(0);
  }, 300_000);
});
