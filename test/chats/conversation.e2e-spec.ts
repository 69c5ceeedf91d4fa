import { randomUUID } from 'node:crypto';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { TestSocket } from '../support/test-socket';
import { waitFor } from '../support/wait-for';

interface Message {
  id: string;
  chatId: string;
  seq: number;
  senderId: string;
  clientMessageId: string;
  type: string;
  content: string;
}

/**
 * Chats through real HTTP and WebSocket clients, two gateways and two chat workers over
 * the real Kafka and database: what one user does reaches the others wherever they are
 * connected.
 */
describe('Chats across gateways and workers (e2e)', () => {
  const system = new SystemUnderTest({ gateways: 2, chatWorkers: 2 });
  const user = (gateway: number) => ChatUser.create(system.gatewayUrls[gateway]);

  beforeAll(() => system.start(), 120_000);
  afterAll(() => system.stop());

  async function privateChat(a: ChatUser, b: ChatUser): Promise<string> {
    const { chatId } = await a.succeed<{ chatId: string }>('POST', '/chats/private', { userId: b.id });
    return chatId;
  }

  const send = (from: ChatUser, chatId: string, content: string, clientMessageId = randomUUID()) =>
    from.succeed<{ messageId: string; seq: number }>('POST', `/chats/${chatId}/messages`, {
      clientMessageId,
      content,
    });

  it('carries a conversation between users on different gateways', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);

    for (const u of [alice, bob]) {
      const created = await u.socket.next<{ id: string; type: string; members: unknown[] }>(
        'chat.created',
        (f) => f.data.id === chatId,
      );
      expect(created.seq).toEqual(expect.any(Number));
      expect(created.data).toMatchObject({ id: chatId, type: 'private', name: null });
      expect(created.data.members).toEqual(
        expect.arrayContaining([
          { userId: alice.id, role: 'member' },
          { userId: bob.id, role: 'member' },
        ]),
      );
    }

    const hello = await send(alice, chatId, 'hello bob');
    expect(hello).toEqual({ messageId: expect.any(String), seq: 1 });
    const atBob = await bob.socket.next<Message>('message.created', (f) => f.data.id === hello.messageId);
    expect(atBob.data).toMatchObject({
      chatId,
      seq: 1,
      senderId: alice.id,
      content: 'hello bob',
      type: 'text',
    });
    // The sender's own sockets get the event too.
    await alice.socket.next<Message>('message.created', (f) => f.data.id === hello.messageId);

    const reply = await send(bob, chatId, 'hi alice');
    expect(reply.seq).toBe(2);
    await alice.socket.next<Message>('message.created', (f) => f.data.id === reply.messageId);

    const page = await bob.request<{ messages: Message[]; nextBeforeSeq: number | null }>(
      'GET',
      `/chats/${chatId}/messages`,
    );
    expect(page.status).toBe(200);
    expect(page.body.messages.map((m) => m.content)).toEqual(['hi alice', 'hello bob']);
    expect(page.body.nextBeforeSeq).toBeNull();
  });

  it('returns the same private chat when asked again, without a second chat.created', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const first = await privateChat(alice, bob);
    const again = await privateChat(bob, alice);
    expect(again).toBe(first);
    await waitFor('both outcomes', () => bob.framesOf('command.succeeded').length === 1);
    expect(alice.framesOf('chat.created')).toHaveLength(1);
    expect(bob.framesOf('chat.created')).toHaveLength(1);
  });

  it('stores a retried send once: the same messageId, one event', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);
    const clientMessageId = randomUUID();
    const first = await send(alice, chatId, 'only once', clientMessageId);
    const retry = await send(alice, chatId, 'only once', clientMessageId);
    expect(retry).toEqual(first);
    await send(alice, chatId, 'after');
    await bob.socket.next<Message>('message.created', (f) => f.data.content === 'after');
    expect(
      bob.framesOf<Message>('message.created', (m) => m.clientMessageId === clientMessageId),
    ).toHaveLength(1);
    const page = await alice.request<{ messages: Message[] }>('GET', `/chats/${chatId}/messages`);
    expect(page.body.messages.map((m) => m.content)).toEqual(['after', 'only once']);
  });

  it('delivers 500 concurrent sends from 5 senders to every member as seq 1..500 with no gap or duplicate', async () => {
    const members = await Promise.all([0, 1, 0, 1, 0, 1].map(user));
    const [admin, ...others] = members;
    const { chatId } = await admin.succeed<{ chatId: string }>('POST', '/chats/group', {
      name: 'load',
      memberIds: others.map((m) => m.id),
    });
    const senders = members.slice(0, 5);
    const commands = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        senders[i % 5].command('POST', `/chats/${chatId}/messages`, {
          clientMessageId: randomUUID(),
          content: `m${i}`,
        }),
      ),
    );
    expect(new Set(commands).size).toBe(500);

    for (const member of members) {
      await waitFor(
        `500 messages at ${member.id}`,
        () => member.framesOf<Message>('message.created', (m) => m.chatId === chatId).length >= 500,
        60_000,
      );
      const seqs = member
        .framesOf<Message>('message.created', (m) => m.chatId === chatId)
        .map((f) => f.data.seq);
      expect(seqs).toHaveLength(500);
      expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    }
    for (const [i, sender] of senders.entries()) {
      const mine = commands.filter((_, k) => k % 5 === i);
      await waitFor(
        'every outcome',
        () =>
          mine.every(
            (id) =>
              sender.framesOf<{ commandId: string }>('command.succeeded', (d) => d.commandId === id)
                .length === 1,
          ),
        30_000,
      );
    }
  }, 120_000);

  it('answers BLOCKED to a blocked sender and delivers nothing', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);
    await bob.succeed('POST', `/users/${alice.id}/block`);
    const failed = await alice.run('POST', `/chats/${chatId}/messages`, {
      clientMessageId: randomUUID(),
      content: 'hey?',
    });
    expect(failed.type).toBe('command.failed');
    expect(failed.data).toMatchObject({ code: 'BLOCKED' });
    // A later message from bob arrives, the blocked one never did.
    await send(bob, chatId, 'still here');
    await bob.socket.next<Message>('message.created', (f) => f.data.content === 'still here');
    expect(bob.framesOf<Message>('message.created', (m) => m.content === 'hey?')).toHaveLength(0);

    await bob.succeed('DELETE', `/users/${alice.id}/block`);
    await send(alice, chatId, 'unblocked');
    await bob.socket.next<Message>('message.created', (f) => f.data.content === 'unblocked');
  });

  it('refuses a blocked user’s typing and read marks in the blocker’s private chat', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);
    const { seq } = await send(bob, chatId, 'before the block');
    await bob.succeed('POST', `/users/${alice.id}/block`);

    const read = await alice.run('POST', `/chats/${chatId}/read`, { seq });
    expect(read.type).toBe('command.failed');
    expect(read.data).toMatchObject({ code: 'BLOCKED' });
    const typing = await alice.socket.ask<{ message: string }>({ type: 'typing', chatId }, 'error');
    expect(typing.data.message).toMatch(/blocked/);
    // Bob's chat events are in order: once his later message is here, alice's read mark
    // would have been too; her typing was refused before anything was published.
    await send(bob, chatId, 'after the block');
    await bob.socket.next<Message>('message.created', (f) => f.data.content === 'after the block');
    expect(bob.framesOf('chat.read', (d) => d.userId === alice.id)).toHaveLength(0);
    expect(bob.framesOf('typing', (d) => d.userId === alice.id)).toHaveLength(0);

    // Unblocked, both reach bob again.
    await bob.succeed('DELETE', `/users/${alice.id}/block`);
    await alice.succeed('POST', `/chats/${chatId}/read`, { seq });
    await bob.socket.next('chat.read', (f) => (f.data as { userId: string }).userId === alice.id);
    alice.socket.send({ type: 'typing', chatId });
    await bob.socket.next('typing', (f) => (f.data as { userId: string }).userId === alice.id);
  });

  it('tells a non-member nothing: reads are 404, sends fail NOT_MEMBER', async () => {
    const [alice, bob, eve] = await Promise.all([user(0), user(1), user(1)]);
    const chatId = await privateChat(alice, bob);
    expect((await eve.request('GET', `/chats/${chatId}`)).status).toBe(404);
    expect((await eve.request('GET', `/chats/${chatId}/messages`)).status).toBe(404);
    expect((await eve.request('GET', `/chats/${randomUUID()}`)).status).toBe(404);
    const failed = await eve.run('POST', `/chats/${chatId}/messages`, {
      clientMessageId: randomUUID(),
      content: 'let me in',
    });
    expect(failed.data).toMatchObject({ code: 'NOT_MEMBER' });
    const chats = await eve.request<unknown[]>('GET', '/users/me/chats');
    expect(chats.body).toEqual([]);
    eve.socket.send({ type: 'typing', chatId });
    await eve.socket.next<{ message: string }>('error', (f) => f.data.message.includes(chatId));
  });

  it('lets a client offline for 200 messages catch up through /sync with nothing lost or doubled', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);
    await bob.socket.next('chat.created');
    const lastSeq = Math.max(...bob.socket.frames.filter((f) => f.seq !== undefined).map((f) => f.seq!));
    await bob.close();

    for (let i = 0; i < 200; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) =>
          alice.command('POST', `/chats/${chatId}/messages`, {
            clientMessageId: randomUUID(),
            content: `offline ${i + k}`,
          }),
        ),
      );
    }
    await waitFor('alice’s 200 outcomes', () => alice.framesOf('command.succeeded').length >= 201, 30_000);

    const seen: { seq: number; type: string; data: Message }[] = [];
    let after = lastSeq;
    for (;;) {
      const page = await bob.request<{
        events: typeof seen;
        nextAfter: number;
        hasMore: boolean;
        reset: boolean;
      }>('GET', `/sync?after=${after}&limit=64`);
      expect(page.status).toBe(200);
      expect(page.body.reset).toBe(false);
      seen.push(...page.body.events);
      after = page.body.nextAfter;
      if (!page.body.hasMore) break;
    }
    expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: seen.length }, (_, i) => lastSeq + 1 + i));
    const messages = seen.filter((e) => e.type === 'message.created').map((e) => e.data);
    expect(messages).toHaveLength(200);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));

    // Reconnecting (to the other gateway) tells where the log stands: where the sync ended.
    expect(await readyLastSeq(system.gatewayUrls[0], bob.token)).toBe(after);
  }, 90_000);

  it('brings delivery and read receipts back to the sender', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);
    const { seq } = await send(alice, chatId, 'did you get this?');
    const atBob = await bob.socket.next<Message>(
      'message.created',
      (f) => f.data.seq === seq && f.data.chatId === chatId,
    );

    bob.socket.send({ type: 'ack', seq: atBob.seq });
    const delivered = await alice.socket.next<{ chatId: string; userId: string; seq: number }>(
      'chat.delivered',
      (f) => f.data.chatId === chatId,
    );
    expect(delivered.data).toEqual({ chatId, userId: bob.id, seq });

    await bob.succeed('POST', `/chats/${chatId}/read`, { seq });
    const read = await alice.socket.next<{ chatId: string; userId: string; seq: number }>(
      'chat.read',
      (f) => f.data.userId === bob.id,
    );
    expect(read.data).toEqual({ chatId, userId: bob.id, seq });

    const chat = await alice.request<{
      members: { userId: string; lastReadSeq: number; deliveredSeq: number }[];
    }>('GET', `/chats/${chatId}`);
    expect(chat.body.members.find((m) => m.userId === bob.id)).toMatchObject({
      lastReadSeq: seq,
      deliveredSeq: seq,
    });
  });

  it('counts a /sync with deviceId as that device’s delivery receipt', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);
    const { seq } = await send(alice, chatId, 'sync me');
    const atBob = await bob.socket.next<Message>('message.created', (f) => f.data.chatId === chatId);
    const res = await bob.request('GET', `/sync?after=${atBob.seq}&deviceId=tablet`);
    expect(res.status).toBe(200);
    const delivered = await alice.socket.next<{ chatId: string; userId: string; seq: number }>(
      'chat.delivered',
      (f) => f.data.chatId === chatId,
    );
    expect(delivered.data).toEqual({ chatId, userId: bob.id, seq });
  });

  it('lists my chats with the last message and unread count', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);
    await send(alice, chatId, 'one');
    const last = await send(alice, chatId, 'two');
    const list = await bob.request<
      { id: string; type: string; lastSeq: number; unreadCount: number; lastMessage: Message }[]
    >('GET', '/users/me/chats');
    expect(list.body).toEqual([
      expect.objectContaining({ id: chatId, type: 'private', lastSeq: last.seq, unreadCount: 2 }),
    ]);
    expect(list.body[0].lastMessage).toMatchObject({ content: 'two', seq: last.seq });
    await bob.succeed('POST', `/chats/${chatId}/read`, { seq: 1 });
    const after = await bob.request<{ unreadCount: number }[]>('GET', '/users/me/chats');
    expect(after.body[0].unreadCount).toBe(1);
    const mine = await alice.request<{ unreadCount: number }[]>('GET', '/users/me/chats');
    expect(mine.body[0].unreadCount).toBe(0);
  });

  it('relays typing to the other members on another gateway, not to the typist', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const chatId = await privateChat(alice, bob);
    alice.socket.send({ type: 'typing', chatId });
    const typing = await bob.socket.next<{ chatId: string; userId: string }>('typing');
    expect(typing).toEqual({ type: 'typing', data: { chatId, userId: alice.id } });
    expect(alice.framesOf('typing')).toHaveLength(0);
  });

  it('pushes presence.changed to someone who shares a chat', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    await privateChat(alice, bob);
    await alice.request('PUT', '/users/me/status', { status: 'busy' });
    const change = await bob.socket.next<{ userId: string; status: string }>(
      'presence.changed',
      (f) => f.data.userId === alice.id && f.data.status === 'busy',
    );
    expect(change.seq).toBeUndefined();
  });

  it.each([
    ['userId', 'POST', '/chats/private', { userId: 'nope' }],
    ['name', 'POST', '/chats/group', { name: '', memberIds: [] }],
    ['memberIds', 'POST', '/chats/group', { name: 'x', memberIds: [] }],
    ['clientMessageId', 'POST', `/chats/${randomUUID()}/messages`, { clientMessageId: 'x', content: 'hi' }],
    ['content', 'POST', `/chats/${randomUUID()}/messages`, { clientMessageId: randomUUID(), content: '' }],
    [
      'content',
      'POST',
      `/chats/${randomUUID()}/messages`,
      { clientMessageId: randomUUID(), content: 'c'.repeat(4001) },
    ],
    [
      'type',
      'POST',
      `/chats/${randomUUID()}/messages`,
      { clientMessageId: randomUUID(), content: 'hi', type: 'image' },
    ],
    ['seq', 'POST', `/chats/${randomUUID()}/read`, { seq: -1 }],
    ['id', 'POST', '/chats/not-a-uuid/messages', { clientMessageId: randomUUID(), content: 'hi' }],
  ])('answers 400 naming %s for %s %s', async (field, method, path, body) => {
    const alice = await user(0);
    const res = await alice.request<{ message: string[] }>(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body.message.some((line) => line.startsWith(`${field}: `))).toBe(true);
  });

  it('answers 404 at once for a private chat with an unknown user', async () => {
    const alice = await user(0);
    const res = await alice.request('POST', '/chats/private', { userId: randomUUID() });
    expect(res.status).toBe(404);
  });
});

/** The `lastSeq` of the `ready` frame a new socket of `token` gets from `baseUrl`. */
async function readyLastSeq(baseUrl: string, token: string): Promise<number> {
  const socket = await TestSocket.open(baseUrl, { token });
  const ready = await socket.next<{ lastSeq: number }>('ready');
  await socket.close();
  return ready.data.lastSeq;
}
