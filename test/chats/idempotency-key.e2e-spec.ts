import { EnvelopeProducer } from '@chat/kafka';
import { randomUUID } from 'node:crypto';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';

/**
 * API.md "Idempotent commands" through real HTTP, Kafka and workers: a retried command with
 * the same Idempotency-Key answers the same command id and takes effect once, whether the
 * first try was answered, is still in flight, or got a 503.
 */
describe('Idempotency-Key on command routes (e2e)', () => {
  const system = new SystemUnderTest({ gateways: 1, chatWorkers: 1, chatupWorkers: 1 });
  let alice: ChatUser;
  let bob: ChatUser;

  beforeAll(async () => {
    await system.start();
    [alice, bob] = await Promise.all([ChatUser.create(system.baseUrl), ChatUser.create(system.baseUrl)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await system.stop();
  });

  const post = (u: ChatUser, path: string, body: unknown, key?: string) =>
    u.api.request<{ commandId: string; message?: unknown }>('POST', path, {
      token: u.token,
      body,
      headers: key === undefined ? {} : { 'Idempotency-Key': key },
    });
  const groupsNamed = async (u: ChatUser, name: string) =>
    (await u.request<{ name: string | null }[]>('GET', '/users/me/chats')).body.filter(
      (c) => c.name === name,
    );

  it('creates a group once for two tries, and for two tries at the same moment', async () => {
    const name = `idem-${randomUUID().slice(0, 8)}`;
    const tries = async (key: string, together: boolean) => {
      const body = { name: `${name}-${key.slice(0, 4)}`, memberIds: [bob.id] };
      const attempt = () => post(alice, '/chats/group', body, key);
      const [a, b] = together
        ? await Promise.all([attempt(), attempt()])
        : [await attempt(), await attempt()];
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(b.body.commandId).toBe(a.body.commandId);
      const outcome = await alice.outcome(a.body.commandId);
      const { chatId } = outcome.data.result as { chatId: string };
      // Every try is keyed by the same chat: once a later command of that chat has its
      // outcome, the repeat has been taken too.
      await alice.succeed('POST', `/chats/${chatId}/messages`, {
        clientMessageId: randomUUID(),
        content: 'after',
      });
      expect(await groupsNamed(alice, body.name)).toHaveLength(1);
      const outcomes = alice.socket.frames.filter(
        (f) => (f.data as { commandId?: string }).commandId === a.body.commandId,
      );
      expect(outcomes).toHaveLength(1);
    };
    await tries(randomUUID(), false);
    await tries(randomUUID(), true);
  });

  it('answers 422 for the key with another body, 400 naming the header for a malformed key', async () => {
    const key = randomUUID();
    expect((await post(alice, '/chats/group', { name: 'one', memberIds: [bob.id] }, key)).status).toBe(202);
    const other = await post(alice, '/chats/group', { name: 'two', memberIds: [bob.id] }, key);
    expect(other.status).toBe(422);
    // Key order in the body does not make it another body.
    expect((await post(alice, '/chats/group', { memberIds: [bob.id], name: 'one' }, key)).status).toBe(202);
    for (const bad of ['', 'x'.repeat(129), 'tab\there', 'ünïcode']) {
      const res = await post(alice, '/chats/group', { name: 'x', memberIds: [bob.id] }, bad);
      expect({ bad, status: res.status, message: res.body.message }).toEqual({
        bad,
        status: 400,
        message: [expect.stringMatching(/Idempotency-Key/)],
      });
    }
  });

  it('keeps keys apart per user and per path, and gives back the key of a refused request', async () => {
    const key = randomUUID();
    const mine = await post(alice, '/chats/group', { name: 'k', memberIds: [bob.id] }, key);
    const theirs = await post(bob, '/chats/group', { name: 'k', memberIds: [alice.id] }, key);
    expect(theirs.body.commandId).not.toBe(mine.body.commandId);
    const { chatId } = await alice.succeed<{ chatId: string }>('POST', '/chats/private', { userId: bob.id });
    const send = await post(
      alice,
      `/chats/${chatId}/messages`,
      { clientMessageId: randomUUID(), content: 'k' },
      key,
    );
    expect(send.status).toBe(202);
    expect(send.body.commandId).not.toBe(mine.body.commandId);

    const fresh = randomUUID();
    const invalid = await post(
      alice,
      `/chats/${chatId}/messages`,
      { clientMessageId: 'no', content: 'x' },
      fresh,
    );
    expect(invalid.status).toBe(400);
    const fixed = await post(
      alice,
      `/chats/${chatId}/messages`,
      { clientMessageId: randomUUID(), content: 'x' },
      fresh,
    );
    expect(fixed.status).toBe(202);
  });

  it('takes effect once when the first try was answered 503 after the broker had it', async () => {
    const producer = system.gateway.get(EnvelopeProducer);
    const publish = producer.publish.bind(producer);
    let lost = 0;
    // The worst 503: the broker has the command, but its acknowledgement is lost.
    const spy = jest.spyOn(producer, 'publish').mockImplementation(async (...args) => {
      await publish(...args);
      if (lost++ === 0) throw new Error('acknowledgement lost (injected)');
    });
    const key = randomUUID();
    const body = { name: `after-503-${key.slice(0, 8)}`, memberIds: [bob.id] };
    let commandId: string;
    try {
      const first = await post(alice, '/chats/group', body, key);
      expect(first.status).toBe(503);
      expect(lost).toBe(1);
      const retry = await post(alice, '/chats/group', body, key);
      expect(retry.status).toBe(202);
      commandId = retry.body.commandId;
    } finally {
      spy.mockRestore();
    }
    const outcome = await alice.outcome(commandId);
    const { chatId } = outcome.data.result as { chatId: string };
    await alice.succeed('POST', `/chats/${chatId}/messages`, {
      clientMessageId: randomUUID(),
      content: 'after',
    });
    expect(await groupsNamed(alice, body.name)).toHaveLength(1);
    expect(
      alice.socket.frames.filter((f) => (f.data as { commandId?: string }).commandId === commandId),
    ).toHaveLength(1);
  });
});
