import { ChatClient, CommandError, Message } from '@chat/client';
import { SystemUnderTest } from '../support/system-under-test';
import { waitFor } from '../support/wait-for';
import { sdkUser } from './sdk-support';

/**
 * The client SDK against the real gateway, workers, Kafka and database: commands resolve
 * with their outcome, and a socket cut mid-conversation heals with nothing lost or doubled.
 */
describe('Client SDK (e2e)', () => {
  const system = new SystemUnderTest({ gateways: 2 });
  const clients: ChatClient[] = [];
  const user = async (gateway = 0) => {
    const u = await sdkUser(system.gatewayUrls[gateway]);
    clients.push(u.client);
    return u;
  };

  beforeAll(() => system.start(), 120_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await system.stop();
  });

  /** Every message.created the client handed to the app, with its frame seq. */
  function received(client: ChatClient) {
    const messages: Message[] = [];
    const seqs: number[] = [];
    client.connection.on('message.created', (m) => messages.push(m));
    client.connection.on('event', (e) => e.seq !== undefined && seqs.push(e.seq));
    return { messages, seqs };
  }

  it('runs a conversation: commands resolve with results, failures reject with their code', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const atBob = received(bob.client);
    const { chatId } = await alice.client.createPrivateChat(bob.id);
    const sent = await alice.client.chat(chatId).send('hello bob');
    expect(sent).toEqual({ messageId: expect.any(String), seq: 1 });
    await waitFor('bob to get it', () => atBob.messages.find((m) => m.id === sent.messageId));

    const chats = await bob.client.listChats();
    expect(chats.map((c) => c.id)).toContain(chatId);
    const page = await bob.client.api.call('get', '/chats/{id}/messages', { path: { id: chatId } });
    expect(page.messages.map((m) => m.content)).toEqual(['hello bob']);

    await expect(bob.client.users.block(alice.id)).resolves.toEqual({ userId: alice.id });
    const refused = alice.client.chat(chatId).send('still there?');
    await expect(refused).rejects.toBeInstanceOf(CommandError);
    await expect(refused).rejects.toMatchObject({ code: 'BLOCKED' });
  });

  it('keeps per-chat state in step with the real events: messages, members, read marks, typing', async () => {
    const [alice, bob, carol] = await Promise.all([user(0), user(1), user(0)]);
    const { chatId } = await alice.client.createGroup('climbers', [bob.id]);
    const atAlice = alice.client.chat(chatId);
    const atBob = bob.client.chat(chatId);
    const bobChanges: string[] = [];
    atBob.on('change', (change) => bobChanges.push(change.cause));
    await Promise.all([atAlice.load(), atBob.load()]);
    expect(atBob.info).toMatchObject({ id: chatId, type: 'group', name: 'climbers' });
    expect(atBob.members.map((m) => m.userId).sort()).toEqual([alice.id, bob.id].sort());

    const sent = await atAlice.send('hi climbers');
    await waitFor("the message in bob's state", () => atBob.messages.find((m) => m.id === sent.messageId));
    await expect(atBob.markRead()).resolves.toEqual({ chatId, seq: sent.seq });
    await waitFor("bob's read mark at alice", () => atAlice.readMark(bob.id) === sent.seq);

    await expect(atAlice.addMember(carol.id)).resolves.toEqual({ chatId, userId: carol.id });
    await waitFor("carol among bob's members", () => atBob.members.some((m) => m.userId === carol.id));
    expect(atBob.sendTyping()).toBe(true);
    await waitFor('bob typing at alice', () => atAlice.typing.includes(bob.id));

    await expect(atAlice.edit(sent.messageId, 'hi all')).resolves.toEqual({ messageId: sent.messageId });
    await waitFor('the edit at bob', () => atBob.messages.at(-1)?.content === 'hi all');
    expect(atBob.messages.map((m) => m.id)).toEqual([sent.messageId]);
    expect(bobChanges).toEqual(expect.arrayContaining(['load', 'message.created', 'chat.member_added']));
  });

  it('rotates tokens and keeps working with the new ones', async () => {
    const alice = await user();
    const before = alice.client.session.tokens!;
    const after = await alice.client.session.refresh();
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(alice.client.session.tokens).toEqual(after);
    await expect(alice.client.session.me()).resolves.toMatchObject({ id: alice.id });
  });

  it('heals socket drops mid-conversation: 100 messages, each received once, in order', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const atBob = received(bob.client);
    const atAlice = received(alice.client);
    const { chatId } = await alice.client.createPrivateChat(bob.id);

    const sends: Promise<{ messageId: string; seq: number }>[] = [];
    for (let i = 0; i < 100; i++) {
      sends.push(alice.client.chat(chatId).send(`m${i}`));
      if (i === 40) bob.sockets.at(-1)!.terminate(); // the receiver's network drops
      if (i === 60) alice.sockets.at(-1)!.terminate(); // and then the sender's
    }
    const results = await Promise.all(sends);
    const sentIds = results.map((r) => r.messageId);
    expect(new Set(sentIds).size).toBe(100);
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));

    for (const [who, got] of [
      ['bob', atBob],
      ['alice', atAlice],
    ] as const) {
      await waitFor(
        `100 messages at ${who}`,
        () => got.messages.filter((m) => m.chatId === chatId).length >= 100,
      );
      const ids = got.messages.filter((m) => m.chatId === chatId).map((m) => m.id);
      expect(ids).toEqual(sentIds); // nothing lost, nothing doubled, in chat order
      // The app saw one gap-free run of its own event seqs.
      expect(got.seqs).toEqual(Array.from({ length: got.seqs.length }, (_, i) => got.seqs[0] + i));
    }
    expect(bob.sockets.length).toBeGreaterThanOrEqual(2); // it did reconnect
    expect(alice.sockets.length).toBeGreaterThanOrEqual(2);
  });
});
