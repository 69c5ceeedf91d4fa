import { CreateGroupChat, Envelope, SendMessage, SendMessagePayload } from '@chat/contracts';
import { EnvelopeContext, isTransientError } from '@chat/kafka';
import { randomUUID } from 'node:crypto';
import { CommandBatchProcessor } from '../../apps/chat-service/src/chats/commands/batch/command-batch.processor';
import { ChatCommandsMessageController } from '../../apps/chat-service/src/chats/commands/chat-commands.message.controller';
import { ChatWorkerHarness, newUser } from './chat-worker.harness';

/**
 * Runs of different partitions that arrive while a transaction is under way share the
 * next one (group commit). A group that fails is retried run by run, so the run with the
 * poison record gets the error (and is split and dead-lettered by the Kafka server) while
 * the other partition's run commits.
 */
describe('chat worker: runs of several partitions in one transaction (real engines)', () => {
  const h = new ChatWorkerHarness();

  beforeAll(() => h.start(), 60_000);
  afterAll(() => h.stop());

  async function groupChat(admin: string, member: string): Promise<string> {
    const chatId = randomUUID();
    await h.succeed(CreateGroupChat, { actorId: admin, chatId, name: 'g', memberIds: [member] });
    return chatId;
  }

  const send = (actorId: string, chatId: string, content: string) =>
    h.envelope(SendMessage, { actorId, chatId, clientMessageId: randomUUID(), content, kind: 'text' });

  async function contents(chatId: string): Promise<string[]> {
    const { rows } = await h.db.query<{ content: string }>(
      `SELECT content FROM messages WHERE chat_id = $1 ORDER BY seq`,
      [chatId],
    );
    return rows.map((r) => r.content);
  }

  it('commits a group of runs together, and retries each run alone when the group fails', async () => {
    const [a, b] = [newUser(), newUser()];
    const [first, second, third] = [await groupChat(a, b), await groupChat(a, b), await groupChat(a, b)];
    const controller = h.apps[0].get(ChatCommandsMessageController);
    const processor = h.apps[0].get(CommandBatchProcessor);
    const warn = jest.spyOn(processor['logger'], 'warn');
    // Partitions 9, 10 and 11 of the topic, as three concurrent eachBatch calls would hand them over.
    const on = (partition: number, run: Envelope<SendMessagePayload>[]) =>
      controller.onCommands(
        run as unknown as Envelope<Record<string, unknown>>[],
        new EnvelopeContext([h.kafka.prefix + 'chat.commands', partition, '0']),
      );

    // The first run starts a transaction at once; the next two wait for it and go together.
    // PostgreSQL refuses a NUL character in text (22021): not transient, a poison record.
    const ran = await Promise.allSettled([
      on(9, [send(a, first, 'one')]),
      on(10, [send(a, second, 'two'), send(a, second, 'three')]),
      on(11, [send(a, third, 'poison \u0000'), send(a, third, 'after the poison')]),
    ]);

    expect(ran.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const error = (ran[2] as PromiseRejectedResult).reason as Error & { code?: string };
    expect(error.code).toBe('22021');
    expect(isTransientError(error)).toBe(false);
    // The group of the second and third runs was tried and failed, then each ran alone.
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/a group of 2 runs failed .*; running each alone/),
    );
    expect(await contents(first)).toEqual(['one']);
    expect(await contents(second)).toEqual(['two', 'three']);
    expect(await contents(third)).toEqual([]);
  }, 60_000);
});
