import { INestApplication } from '@nestjs/common';
import {
  HEADERS,
  PushRecipient,
  pushEnvelope,
  pushRecipientsHeader,
  TOPICS,
  topicName,
} from '@chat/contracts';
import { randomUUID } from 'node:crypto';
import { PushService } from '../../apps/api-gateway/src/realtime/push/push.service';
import { SystemUnderTest } from '../support/system-under-test';
import { TestKafka } from '../support/test-kafka';
import { TestSocket } from '../support/test-socket';
import { createTestUser } from '../support/test-users';
import { waitFor } from '../support/wait-for';

/** `chat_messages_total` of `push.deliver` records that ended with `outcome` on `app`. */
async function pushRecords(app: INestApplication, outcome: string): Promise<number> {
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('chat_messages_total{') &&
        l.includes('type="push.deliver"') &&
        l.includes(`outcome="${outcome}"`),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/**
 * Pushes go to the gateway that holds the socket: a `push.deliver` record whose
 * `x-push-recipients` header names nobody with a socket on a gateway is committed there
 * unparsed (`skipped`), while the gateway holding a recipient pushes it; a record without
 * the header is handled everywhere, as before.
 */
describe('push routing by the x-push-recipients header (e2e)', () => {
  const system = new SystemUnderTest({ gateways: 2 });
  const kafka = new TestKafka();
  const sockets: TestSocket[] = [];

  beforeAll(() => system.start(), 120_000);
  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
    await kafka.close();
    await system.stop();
  });

  it('skips a record on the gateway holding none of its recipients and pushes it from the one that does', async () => {
    const alice = await createTestUser(system);
    const stranger = randomUUID(); // nobody's socket, anywhere
    const [holding, other] = system.gateways;
    const socket = await TestSocket.ready(system.gatewayUrls[0], alice.token);
    sockets.push(socket);

    // What each gateway does with this test's records: which recipients it looks up (a
    // record it parsed), and what it hands to its sockets.
    const nonce = randomUUID();
    const watch = (app: INestApplication) => {
      const looked: string[] = [];
      const pushed: { userId: string; n: number }[] = [];
      const push = app.get(PushService);
      const holds = push.holds.bind(push);
      jest.spyOn(push, 'holds').mockImplementation((userId) => {
        if (userId === alice.id || userId === stranger) looked.push(userId);
        return holds(userId);
      });
      const send = push.pushJsonToUser.bind(push);
      jest.spyOn(push, 'pushJsonToUser').mockImplementation((userId, json, type) => {
        const data = (JSON.parse(json) as { data: { nonce?: string; n: number } }).data;
        if (data.nonce === nonce) pushed.push({ userId, n: data.n });
        return send(userId, json, type);
      });
      return { looked, pushed };
    };
    const [byHolding, byOther] = [watch(holding), watch(other)];
    const skippedBefore = await Promise.all([pushRecords(holding, 'skipped'), pushRecords(other, 'skipped')]);

    const record = (n: number, recipients: PushRecipient[], withHeader: boolean) => {
      const envelope = pushEnvelope(
        { type: 'test.routed', data: { nonce, n }, recipients },
        { correlationId: randomUUID() },
      );
      const headers: Record<string, string> = {
        [HEADERS.correlationId]: envelope.correlationId,
        [HEADERS.messageType]: envelope.type,
      };
      if (withHeader) headers[HEADERS.pushRecipients] = pushRecipientsHeader(recipients);
      return { key: nonce, value: JSON.stringify(envelope), headers }; // one key: one partition, in order
    };
    await kafka.send(topicName(kafka.prefix, TOPICS.pushEvents), [
      record(
        1,
        [
          { userId: stranger, seq: 1 },
          { userId: alice.id, seq: 1 },
        ],
        true,
      ), // alice's gateway only
      record(2, [{ userId: stranger, seq: 2 }], true), // nobody's: skipped by both
      record(3, [{ userId: alice.id }], false), // no header: parsed and handled by both, as before
    ]);

    // The last record, handled by both, comes after the others on its partition.
    await waitFor(
      'record 3 on both gateways',
      () => byHolding.looked.length === 3 && byOther.looked.length === 1,
    );
    await socket.next('test.routed', (f) => f.data.n === 3);
    expect(socket.frames.filter((f) => f.type === 'test.routed').map((f) => f.data)).toEqual([
      { nonce, n: 1 },
      { nonce, n: 3 },
    ]);
    // Alice's gateway parsed records 1 and 3, looked up each recipient and pushed to hers;
    // the other parsed record 3 only (alice: not held there, so no frame was made).
    expect(byHolding.looked).toEqual([stranger, alice.id, alice.id]);
    expect(byHolding.pushed).toEqual([
      { userId: alice.id, n: 1 },
      { userId: alice.id, n: 3 },
    ]);
    expect(byOther.looked).toEqual([alice.id]);
    expect(byOther.pushed).toEqual([]);
    // Records 1 and 2 on the other gateway, 2 on alice's, never parsed; other pushes (presence,
    // which may carry the header too) can only add to these.
    const skippedAfter = await Promise.all([pushRecords(holding, 'skipped'), pushRecords(other, 'skipped')]);
    expect(skippedAfter[0] - skippedBefore[0]).toBeGreaterThanOrEqual(1);
    expect(skippedAfter[1] - skippedBefore[1]).toBeGreaterThanOrEqual(2);
  });
});
