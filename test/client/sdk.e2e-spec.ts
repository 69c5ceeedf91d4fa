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
    client.on('message.created', (m) => messages.push(m));
    client.on('event', (e) => e.seq !== undefined && seqs.push(e.seq));
    return { messages, seqs };
  }

  it('runs a conversation: commands resolve with results, failures reject with their code', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const atBob = received(bob.client);
    const { chatId } = await alice.client.createPrivateChat(bob.id);
    const sent = await alice.client.sendMessage(chatId, 'hello bob');
    expect(sent).toEqual({ messageId: expect.any(String), seq: 1 });
    await waitFor('bob to get it', () => atBob.messages.find((m) => m.id === sent.messageId));

    const chats = await bob.client.chats();
    expect(chats.map((c) => c.id)).toContain(chatId);
    const page = await bob.client.messages(chatId);
    expect(page.messages.map((m) => m.content)).toEqual(['hello bob']);

    await bob.client.block(alice.id);
    const refused = alice.client.sendMessage(chatId, 'still there?');
    await expect(refused).rejects.toBeInstanceOf(CommandError);
    await expect(refused).rejects.toMatchObject({ code: 'BLOCKED' });
  });

  it('rotates tokens and keeps working with the new ones', async () => {
    const alice = await user();
    const before = alice.client.tokens!;
    const after = await alice.client.refreshTokens();
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(alice.client.tokens).toEqual(after);
    await expect(alice.client.me()).resolves.toMatchObject({ id: alice.id });
  });

  it('heals socket drops mid-conversation: 100 messages, each received once, in order', async () => {
    const [alice, bob] = await Promise.all([user(0), user(1)]);
    const atBob = received(bob.client);
    const atAlice = received(alice.client);
    const { chatId } = await alice.client.createPrivateChat(bob.id);

    const sends: Promise<{ messageId: string; seq: number }>[] = [];
    for (let i = 0; i < 100; i++) {
      sends.push(alice.client.sendMessage(chatId, `m${i}`));
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
