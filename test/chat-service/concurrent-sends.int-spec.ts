import { CreateGroupChat, Envelope, SendMessage, SendMessagePayload } from '@chat/contracts';
import { EnvelopeContext, isTransientError } from '@chat/kafka';
import { randomUUID } from 'node:crypto';
import { ChatCommandsMessageController } from '../../apps/chat-service/src/chats/commands/chat-commands.message.controller';
import { waitFor } from '../support/wait-for';
import { ChatWorkerHarness, newUser } from './chat-worker.harness';

/**
 * Two chat workers in one group: a chat's messages get seqs 1..n without gaps and every
 * command exactly one outcome, even when both instances apply the chat's commands at once
 * (as during a rebalance) and commands are delivered more than once.
 */
describe('chat worker: concurrent sends to one chat on two instances (real engines)', () => {
  const h = new ChatWorkerHarness();

  beforeAll(() => h.start(2), 60_000);
  afterAll(() => h.stop());

  async function groupOf(a: string, b: string): Promise<string> {
    const chatId = randomUUID();
    await h.succeed(CreateGroupChat, { actorId: a, chatId, name: 'busy', memberIds: [b] });
    return chatId;
  }

  const sends = (a: string, chatId: string, n: number): Envelope<SendMessagePayload>[] =>
    Array.from({ length: n }, (_, i) =>
      h.envelope(SendMessage, {
        actorId: a,
        chatId,
        clientMessageId: randomUUID(),
        content: `m${i}`,
        kind: 'text',
      }),
    );

  /** Each command's outcomes as stored in the actor's log (the pushes come from these). */
  async function storedOutcomes(userId: string): Promise<Map<string, { type: string; seq?: number }[]>> {
    const { rows } = await h.db.query<{
      type: string;
      data: { commandId: string; result?: { seq?: number } };
    }>(`SELECT type, data FROM user_events WHERE user_id = $1 AND type LIKE 'command.%'`, [userId]);
    const byCommand = new Map<string, { type: string; seq?: number }[]>();
    for (const row of rows)
      byCommand.set(row.data.commandId, [
        ...(byCommand.get(row.data.commandId) ?? []),
        { type: row.type, seq: row.data.result?.seq },
      ]);
    return byCommand;
  }

  async function messageSeqs(chatId: string): Promise<{ seq: number; content: string }[]> {
    const { rows } = await h.db.query<{ seq: string; content: string }>(
      `SELECT seq, content FROM messages WHERE chat_id = $1 ORDER BY seq`,
      [chatId],
    );
    return rows.map((r) => ({ seq: Number(r.seq), content: r.content }));
  }

  it('numbers 200 sends published at once 1..200 in publish order, one outcome each, redeliveries included', async () => {
    const [a, b] = [newUser(), newUser()];
    const chatId = await groupOf(a, b);
    const commands = sends(a, chatId, 200);
    // The first 50 twice more (redeliveries), interleaved with the rest.
    await h.publish(chatId, [...commands.slice(0, 100), ...commands.slice(0, 50), ...commands.slice(100)]);
    await h.publish(chatId, commands.slice(0, 50));

    await waitFor(
      'an outcome for each of the 200 sends',
      () => commands.every((c) => h.pushes().some((p) => p.data.commandId === c.id)),
      60_000,
    );
    const stored = await messageSeqs(chatId);
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // One chat's commands keep their order: seq i+1 is the i-th command published.
    expect(stored.map((m) => m.content)).toEqual(commands.map((c) => c.payload.content));

    const outcomes = await storedOutcomes(a);
    for (const command of commands) expect(outcomes.get(command.id)).toHaveLength(1);
    expect(commands.map((c) => outcomes.get(c.id)![0].seq)).toEqual(stored.map((m) => m.seq));
    const created = h.pushes().filter((p) => p.type === 'message.created' && p.data.chatId === chatId);
    expect(new Set(created.map((p) => p.data.id)).size).toBe(200);
    expect(created).toHaveLength(200);
  }, 90_000);

  it('keeps seqs gap-free when both instances apply one chat’s commands at the same moment', async () => {
    const [a, b] = [newUser(), newUser()];
    const chatId = await groupOf(a, b);
    const commands = sends(a, chatId, 40);
    const [one, two] = h.apps.map((app) => app.get(ChatCommandsMessageController));
    const context = new EnvelopeContext([h.kafka.prefix + 'chat.commands', 0, '0']);
    // Runs of 1 to 5 commands, as batches of different lengths from two owners would be.
    const runs: Envelope<SendMessagePayload>[][] = [];
    for (let i = 0, size = 1; i < commands.length; i += size, size = (size % 5) + 1)
      runs.push(commands.slice(i, i + size));
    expect(runs.flat()).toEqual(commands);
    // As the Kafka server does: a transient failure (a serialization conflict that
    // outlived the transaction's own retries) is retried.
    const apply = async (controller: ChatCommandsMessageController, run: Envelope<SendMessagePayload>[]) => {
      for (;;) {
        try {
          return await controller.onCommands(run as unknown as Envelope<Record<string, unknown>>[], context);
        } catch (err) {
          if (!isTransientError(err)) throw err;
        }
      }
    };
    // Every run on both instances at once: a rebalance's worst case.
    await Promise.all(runs.flatMap((run) => [apply(one, run), apply(two, run)]));

    expect((await messageSeqs(chatId)).map((m) => m.seq)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const outcomes = await storedOutcomes(a);
    for (const command of commands)
      expect(outcomes.get(command.id)).toEqual([{ type: 'command.succeeded', seq: expect.any(Number) }]);
    const seqs = commands.map((c) => outcomes.get(c.id)![0].seq).sort((x, y) => x! - y!);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  }, 90_000);
});
