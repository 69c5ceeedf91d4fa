import { fakeGateway, FakeGateway } from '../test/fake-gateway';
import { eventually, fakeJwt } from '../test/fake-platform';
import { ChatClient } from './chat-client';
import type { StreamEvent } from './connection/server-events';
import { CommandError } from './errors';

const clients: ChatClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

function client(gw: FakeGateway, extra: Partial<ConstructorParameters<typeof ChatClient>[0]> = {}) {
  const c = new ChatClient({
    baseUrl: 'http://gw',
    fetch: gw.fetch,
    WebSocket: gw.WebSocket,
    tokens: { accessToken: fakeJwt(Math.floor(Date.now() / 1000) + 900), refreshToken: 'r0' },
    deviceId: 'phone',
    reconnect: { initialMs: 5, maxMs: 20 },
    retry: { initialMs: 5, maxMs: 20 },
    gapGraceMs: 20,
    ackDelayMs: 10,
    syncPageSize: 3,
    ...extra,
  });
  clients.push(c);
  // Pending commands are rejected CLOSED at the end of each test.
  c.onError(() => undefined);
  const seen: StreamEvent[] = [];
  c.connection.on('event', (e) => seen.push(e));
  return { c, seen, seqs: () => seen.filter((e) => e.seq !== undefined).map((e) => e.seq) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('ChatClient (stubbed platform)', () => {
  it('fills a gap between pushes from /sync and hands every event over once, in order', async () => {
    const gw = fakeGateway();
    const { c, seqs } = client(gw);
    const connected = c.connection.connect();
    await eventually('a socket', () => gw.sockets[0]);
    gw.sockets[0].accept('me', 0);
    await connected;
    expect(gw.sockets[0].url).toContain('deviceId=phone');

    const events = range(1, 6).map((n) => gw.append('message.created', { n }));
    const ws = gw.sockets[0];
    for (const i of [0, 3, 4, 0, 5]) ws.push(events[i]); // 2 and 3 lost, 1 repeated
    expect(seqs()).toEqual([1]);
    await eventually('the gap filled', () => seqs().length === 6);
    ws.push(events[2]); // a late duplicate
    expect(seqs()).toEqual(range(1, 6));
    expect(gw.calls.some((call) => call.path.startsWith('/sync?after=1&'))).toBe(true);
  });

  it('reconnects after a drop and resumes after the last processed seq, paging /sync', async () => {
    const gw = fakeGateway();
    const { c, seqs } = client(gw);
    const connected = c.connection.connect();
    await eventually('a socket', () => gw.sockets[0]);
    gw.sockets[0].accept('me', 0);
    await connected;
    gw.sockets[0].push(gw.append('message.created', {}));

    gw.sockets[0].serverClose(1006);
    for (let i = 0; i < 7; i++) gw.append('message.created', {}); // missed while away
    await eventually('a second socket', () => gw.sockets[1]);
    gw.sockets[1].accept('me', 8);
    await eventually('caught up', () => seqs().length === 8);
    expect(seqs()).toEqual(range(1, 8));
    const syncs = gw.calls.filter((call) => call.path.startsWith('/sync')).map((call) => call.path);
    expect(syncs).toEqual([
      '/sync?after=1&limit=3&deviceId=phone',
      '/sync?after=4&limit=3&deviceId=phone',
      '/sync?after=7&limit=3&deviceId=phone',
    ]);
    // Delivery acks on the new socket cover everything processed.
    await eventually('an ack of seq 8', () =>
      gw.sockets[1].sent.find((f) => f.type === 'ack' && f.seq === 8),
    );
  });

  it('emits reset and continues from nextAfter when history is gone', async () => {
    const gw = fakeGateway();
    for (let i = 0; i < 5; i++) gw.append('message.created', {});
    gw.state.resetBelow = 3;
    const { c, seqs } = client(gw, { lastSeq: 1 });
    const resets: number[] = [];
    c.connection.on('reset', (r) => resets.push(r.nextAfter));
    const connected = c.connection.connect();
    await eventually('a socket', () => gw.sockets[0]);
    gw.sockets[0].accept('me', 5);
    await connected;
    expect(resets).toEqual([5]);
    expect(c.connection.lastSeq).toBe(5);
    gw.sockets[0].push(gw.append('message.created', {}));
    expect(seqs()).toEqual([6]);
  });

  it('resolves a command with its result even when the outcome beats the 202', async () => {
    const gw = fakeGateway();
    const { c } = client(gw);
    const connected = c.connection.connect();
    await eventually('a socket', () => gw.sockets[0]);
    gw.sockets[0].accept('me', 0);
    await connected;
    // The outcome of the next command (cmd-1) arrives before its HTTP answer is read.
    gw.sockets[0].push(gw.append('command.succeeded', { commandId: 'cmd-1', result: { chatId: 'c1' } }));
    await expect(c.createPrivateChat('bob')).resolves.toEqual({ chatId: 'c1' });

    const failing = c.createPrivateChat('blocked-user');
    await eventually('the second command', () => gw.calls.length >= 2);
    gw.sockets[0].push(gw.append('command.failed', { commandId: 'cmd-2', code: 'BLOCKED', message: 'no' }));
    await expect(failing).rejects.toMatchObject({ code: 'BLOCKED' });
    await expect(failing).rejects.toBeInstanceOf(CommandError);
  });

  it('holds sends while offline and retries 503s with the same clientMessageId, in order', async () => {
    const gw = fakeGateway();
    const { c } = client(gw);
    const first = c.chat('chat').send('one', 'cm-1');
    const second = c.chat('chat').send('two', 'cm-2');
    expect(c.pendingSends.map((p) => p.clientMessageId)).toEqual(['cm-1', 'cm-2']);
    expect(gw.calls).toHaveLength(0); // offline: nothing sent yet

    gw.state.postStatus = [503, 503];
    const connected = c.connection.connect();
    await eventually('a socket', () => gw.sockets[0]);
    gw.sockets[0].accept('me', 0);
    await connected;
    await eventually('both accepted', () => c.pendingSends.length === 0);
    const posts = gw.calls.filter((call) => call.method === 'POST');
    expect(posts.map((p) => (p.body as { clientMessageId: string }).clientMessageId)).toEqual([
      'cm-1',
      'cm-1',
      'cm-1',
      'cm-2',
    ]);
    gw.sockets[0].push(
      gw.append('command.succeeded', { commandId: 'cmd-2', result: { messageId: 'm2', seq: 2 } }),
    );
    gw.sockets[0].push(
      gw.append('command.succeeded', { commandId: 'cmd-1', result: { messageId: 'm1', seq: 1 } }),
    );
    await expect(Promise.all([first, second])).resolves.toEqual([
      { messageId: 'm1', seq: 1 },
      { messageId: 'm2', seq: 2 },
    ]);
  });

  it('re-sends with the same clientMessageId when no outcome comes', async () => {
    const gw = fakeGateway();
    const { c } = client(gw, { commandTimeoutMs: 50 });
    const connected = c.connection.connect();
    await eventually('a socket', () => gw.sockets[0]);
    gw.sockets[0].accept('me', 0);
    await connected;
    const sent = c.chat('chat').send('hello', 'cm-x');
    await eventually(
      'a second attempt',
      () => gw.calls.filter((call) => call.method === 'POST').length === 2,
    );
    gw.sockets[0].push(
      gw.append('command.succeeded', { commandId: 'cmd-2', result: { messageId: 'm', seq: 1 } }),
    );
    await expect(sent).resolves.toEqual({ messageId: 'm', seq: 1 });
    const ids = gw.calls
      .filter((call) => call.method === 'POST')
      .map((p) => (p.body as { clientMessageId: string }).clientMessageId);
    expect(new Set(ids)).toEqual(new Set(['cm-x']));
  });

  it('backs off between reconnect attempts and refreshes the token after a 4401', async () => {
    const gw = fakeGateway();
    const { c } = client(gw, { reconnect: { initialMs: 40, maxMs: 1000, random: () => 0 } });
    const connecting = c.connection.connect().catch((err: Error) => err.message);
    const opened: number[] = [];
    for (let i = 0; i < 4; i++) {
      await eventually(`socket ${i}`, () => gw.sockets[i], 5000);
      opened.push(Date.now());
      gw.sockets[i].serverClose(1006);
    }
    const gaps = opened.slice(1).map((t, i) => t - opened[i]);
    expect(gaps[1]).toBeGreaterThanOrEqual(35); // 20, 40, 80 ms (equal jitter at its low end)
    expect(gaps[2]).toBeGreaterThanOrEqual(75);

    await eventually('socket 4', () => gw.sockets[4], 5000);
    gw.sockets[4].serverClose(4401);
    await eventually('a refresh', () => gw.calls.find((call) => call.path === '/auth/refresh'));
    await eventually('a socket with the new token', () => gw.sockets[5]);
    expect(gw.sockets[5].url).toContain(encodeURIComponent(c.session.tokens!.accessToken));
    expect(c.session.tokens?.refreshToken).toBe('r1');
    c.close();
    await expect(connecting).resolves.toBe('the client was closed');
  });
});
