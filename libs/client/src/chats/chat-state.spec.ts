import { fakeGateway, FakeGateway } from '../../test/fake-gateway';
import { Call, eventually, fakeJwt } from '../../test/fake-platform';
import type { ChatSummary, Message } from '../api/api-schemas';
import { ChatClient } from '../chat-client';
import type { ChatChange } from './chat-state';

const clients: ChatClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

/** A client connected to a fake gateway, with its socket to push events on. */
async function connected(gw: FakeGateway = fakeGateway(), typingTimeoutMs = 5_000) {
  const client = new ChatClient({
    baseUrl: 'http://gw',
    fetch: gw.fetch,
    WebSocket: gw.WebSocket,
    tokens: { accessToken: fakeJwt(Math.floor(Date.now() / 1000) + 900), refreshToken: 'r0' },
    reconnect: { initialMs: 5, maxMs: 20 },
    gapGraceMs: 20,
    typingTimeoutMs,
  });
  clients.push(client);
  client.onError(() => undefined); // commands still waiting are rejected CLOSED at the end
  const ready = client.connection.connect();
  await eventually('a socket', () => gw.sockets[0]);
  gw.sockets[0].accept('me', 0);
  await ready;
  /** Stores an event in the log and pushes it, as the gateway does. */
  const push = (type: string, data: unknown) => gw.sockets[0].push(gw.append(type, data));
  /** An ephemeral push (typing): no seq. */
  const pushEphemeral = (type: string, data: unknown) => gw.sockets[0].push({ type, data });
  return { client, gw, push, pushEphemeral };
}

function message(chatId: string, seq: number, extra: Partial<Message> = {}): Message {
  return {
    id: `${chatId}-m${seq}`,
    chatId,
    seq,
    senderId: 'bob',
    clientMessageId: `cm-${seq}`,
    type: 'text',
    content: `message ${seq}`,
    createdAt: '2026-12-02T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    ...extra,
  };
}

/** Every change notification of `chat`, as `cause: parts`. */
function changesOf(chat: ReturnType<ChatClient['chat']>): string[] {
  const seen: string[] = [];
  chat.on('change', (change: ChatChange) => seen.push(`${change.cause}: ${change.parts.join(',')}`));
  return seen;
}

const contents = (messages: readonly Message[]) => messages.map((m) => `${m.seq} ${m.content}`);

describe('ChatState (stubbed platform)', () => {
  it('keeps pushed messages in chat-seq order, once each, with edits and deletions in place', async () => {
    const { client, push } = await connected();
    const chat = client.chat('c1');
    const changes = changesOf(chat);
    push('message.created', message('c1', 2));
    push('message.created', message('c1', 1));
    push('message.created', message('c1', 3));
    push('message.updated', message('c1', 1, { content: 'edited', editedAt: '2026-12-02T10:01:00.000Z' }));
    push('message.deleted', message('c1', 3, { content: '', deletedAt: '2026-12-02T10:02:00.000Z' }));
    push('message.created', message('c2', 4)); // another chat's

    expect(contents(chat.messages)).toEqual(['1 edited', '2 message 2', '3 ']);
    expect(chat.messages[2].deletedAt).toBe('2026-12-02T10:02:00.000Z');
    expect(chat.lastSeq).toBe(3);
    expect(changes).toEqual([
      'message.created: messages',
      'message.created: messages',
      'message.created: messages',
      'message.updated: messages',
      'message.deleted: messages',
    ]);
    expect(client.chat('c1')).toBe(chat); // one state per chat
  });

  it("has applied an event before the app's own handlers of it run", async () => {
    const { client, push } = await connected();
    const chat = client.chat('c1');
    const seenByHandlers: number[] = [];
    client.connection.on('message.created', () => seenByHandlers.push(chat.messages.length));
    client.connection.on('event', () => seenByHandlers.push(chat.messages.length));
    push('message.created', message('c1', 1));
    expect(seenByHandlers).toEqual([1, 1]);
  });

  it('replaces its lists on every change, so a view can compare them by reference', async () => {
    const { client, push } = await connected();
    const chat = client.chat('c1');
    const before = chat.messages;
    push('message.created', message('c1', 1));
    expect(chat.messages).not.toBe(before);
    expect(before).toEqual([]);
    const members = chat.members;
    push('chat.member_added', { chatId: 'c1', userId: 'carol' });
    expect(chat.members).not.toBe(members);
  });

  it('follows membership and receipts; receipts only move forward', async () => {
    const { client, push } = await connected();
    const chat = client.chat('g1');
    const changes = changesOf(chat);
    push('chat.created', {
      id: 'g1',
      type: 'group',
      name: 'climbers',
      members: [
        { userId: 'me', role: 'admin' },
        { userId: 'bob', role: 'member' },
      ],
      createdAt: '2026-12-02T10:00:00.000Z',
    });
    push('chat.member_added', { chatId: 'g1', userId: 'carol' });
    push('chat.member_added', { chatId: 'g1', userId: 'carol' }); // no change
    push('chat.read', { chatId: 'g1', userId: 'bob', seq: 5 });
    push('chat.read', { chatId: 'g1', userId: 'bob', seq: 3 }); // behind: ignored
    push('chat.delivered', { chatId: 'g1', userId: 'carol', seq: 4 });
    push('chat.member_removed', { chatId: 'g1', userId: 'me' });

    expect(chat.info).toEqual({
      id: 'g1',
      type: 'group',
      name: 'climbers',
      createdAt: '2026-12-02T10:00:00.000Z',
    });
    expect(chat.members).toEqual([
      { userId: 'bob', role: 'member', username: null, displayName: null, lastReadSeq: 5, deliveredSeq: 0 },
      { userId: 'carol', role: 'member', username: null, displayName: null, lastReadSeq: 0, deliveredSeq: 4 },
    ]);
    expect(chat.readMark('bob')).toBe(5);
    expect(changes).toEqual([
      'chat.created: info,members',
      'chat.member_added: members',
      'chat.read: receipts',
      'chat.delivered: receipts',
      'chat.member_removed: members',
    ]);
  });

  it('shows a user typing until their message arrives or the typing times out', async () => {
    const { client, push, pushEphemeral } = await connected(fakeGateway(), 60);
    const chat = client.chat('c1');
    const changes = changesOf(chat);
    pushEphemeral('typing', { chatId: 'c1', userId: 'bob' });
    pushEphemeral('typing', { chatId: 'c1', userId: 'carol' });
    pushEphemeral('typing', { chatId: 'c1', userId: 'bob' }); // still typing: no change
    expect(chat.typing).toEqual(['bob', 'carol']);
    push('message.created', message('c1', 1, { senderId: 'bob' }));
    expect(chat.typing).toEqual(['carol']);
    await eventually('carol to stop typing', () => chat.typing.length === 0);
    expect(changes).toEqual([
      'typing: typing',
      'typing: typing',
      'message.created: messages,typing',
      'typing: typing',
    ]);
  });

  it('loads the chat and its newest page, keeping what was pushed while the answers were on their way', async () => {
    const gw = fakeGateway();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const summary: ChatSummary = {
      id: 'c1',
      type: 'group',
      name: 'team',
      members: [
        { userId: 'me', role: 'admin', username: 'me', displayName: 'Me', lastReadSeq: 2, deliveredSeq: 2 },
        {
          userId: 'bob',
          role: 'member',
          username: 'bob',
          displayName: 'Bob',
          lastReadSeq: 1,
          deliveredSeq: 2,
        },
      ],
      lastMessage: message('c1', 2),
      lastSeq: 2,
      unreadCount: 0,
      createdAt: '2026-12-02T09:00:00.000Z',
    };
    gw.state.queries = (call: Call) => {
      if (call.path === '/chats/c1') return answered.then(() => ({ status: 200, body: summary }));
      if (call.path === '/chats/c1/messages?limit=2')
        return answered.then(() => ({
          status: 200,
          body: { messages: [message('c1', 2), message('c1', 1)], nextBeforeSeq: 1 },
        }));
      if (call.path === '/chats/c1/messages?beforeSeq=1&limit=2')
        return { status: 200, body: { messages: [], nextBeforeSeq: null } };
      return undefined;
    };
    const { client, push } = await connected(gw);
    const chat = client.chat('c1');
    const changes = changesOf(chat);
    const loading = chat.load(2);
    await eventually(
      'both queries',
      () => gw.calls.filter((c) => c.path.startsWith('/chats/c1')).length === 2,
    );
    // Pushed while the (older) answers are on their way:
    push('chat.member_added', { chatId: 'c1', userId: 'carol' });
    push('chat.read', { chatId: 'c1', userId: 'bob', seq: 3 });
    push('message.created', message('c1', 3));
    answer();
    await expect(loading).resolves.toBe(chat);

    expect(chat.loaded).toBe(true);
    expect(contents(chat.messages)).toEqual(['1 message 1', '2 message 2', '3 message 3']);
    expect(chat.members.map((m) => [m.userId, m.lastReadSeq])).toEqual([
      ['me', 2],
      ['bob', 3],
      ['carol', 0],
    ]);
    expect(chat.members[1].displayName).toBe('Bob');
    expect(chat.info?.name).toBe('team');
    expect(changes.at(-1)).toBe('load: info,members,receipts,messages');
    expect(chat.hasOlder).toBe(true);
    await expect(chat.loadOlder(2)).resolves.toEqual([]);
    expect(chat.hasOlder).toBe(false);
  });

  it("sends its commands to the chat's routes and resolves with their results", async () => {
    const { client, gw, push } = await connected();
    const chat = client.chat('c1');
    push('message.created', message('c1', 7));

    const read = chat.markRead();
    await eventually('the read command', () => gw.calls.find((c) => c.path === '/chats/c1/read'));
    push('command.succeeded', { commandId: 'cmd-1', result: { chatId: 'c1', seq: 7 } });
    await expect(read).resolves.toEqual({ chatId: 'c1', seq: 7 });

    const commands = [
      chat.edit('m1', 'better'),
      chat.delete('m1'),
      chat.addMember('carol'),
      chat.removeMember('carol'),
    ];
    await eventually('four more commands', () => gw.calls.length >= 5);
    for (let i = 2; i <= 5; i++) push('command.succeeded', { commandId: `cmd-${i}`, result: { n: i } });
    await expect(Promise.all(commands)).resolves.toEqual([{ n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }]);
    expect(gw.calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body ?? null)}`)).toEqual([
      'POST /chats/c1/read {"seq":7}',
      'PATCH /chats/c1/messages/m1 {"content":"better"}',
      'DELETE /chats/c1/messages/m1 null',
      'POST /chats/c1/members {"userId":"carol"}',
      'DELETE /chats/c1/members/carol null',
    ]);
    expect(chat.sendTyping()).toBe(true);
    expect(gw.sockets[0].sent).toContainEqual({ type: 'typing', chatId: 'c1' });
  });
});
