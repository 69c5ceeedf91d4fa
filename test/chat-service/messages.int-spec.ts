import {
  AckDelivery,
  AddChatMember,
  BlockUser,
  createEnvelope,
  CreateGroupChat,
  CreatePrivateChat,
  DeleteMessage,
  EditMessage,
  MarkChatRead,
  privateChatId,
  SendMessage,
  TOPICS,
  topicName,
  UserStatusChanged,
} from '@chat/contracts';
import { randomUUID } from 'node:crypto';
import { waitFor } from '../support/wait-for';
import { ChatWorkerHarness, newUser } from './chat-worker.harness';

/** Messages, read marks, delivery receipts and presence through a real chat worker. */
describe('chat worker: messages, receipts, presence (real engines)', () => {
  const h = new ChatWorkerHarness();

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  async function group(admin: string, memberIds: string[]): Promise<string> {
    const chatId = randomUUID();
    await h.succeed(CreateGroupChat, { actorId: admin, chatId, name: 'team', memberIds });
    return chatId;
  }

  const send = (actorId: string, chatId: string, content = 'hello', clientMessageId = randomUUID()) =>
    h.succeed(SendMessage, { actorId, chatId, clientMessageId, content, kind: 'text' }) as Promise<{
      messageId: string;
      seq: number;
    }>;

  it('stores a message under the next seq and pushes message.created to every member, the sender too', async () => {
    const [a, b, c] = [newUser(), newUser(), newUser()];
    const chatId = await group(a, [b, c]);
    const clientMessageId = randomUUID();
    const result = await send(a, chatId, 'hi all', clientMessageId);
    expect(result).toEqual({ messageId: expect.any(String), seq: 1 });

    const created = h.pushes().find((p) => p.type === 'message.created' && p.data.id === result.messageId)!;
    expect(created.recipients.map((r) => r.userId).sort()).toEqual([a, b, c].sort());
    expect(created.data).toEqual({
      id: result.messageId,
      chatId,
      seq: 1,
      senderId: a,
      clientMessageId,
      type: 'text',
      content: 'hi all',
      createdAt: expect.any(String),
      editedAt: null,
      deletedAt: null,
    });
    expect(await send(b, chatId, 'second')).toMatchObject({ seq: 2 });

    const { rows: chat } = await h.db.query(`SELECT last_seq, last_message_at FROM chats WHERE id = $1`, [
      chatId,
    ]);
    expect(chat[0]).toMatchObject({ last_seq: '2', last_message_at: expect.any(Date) });
    // Each sender has read their own message.
    const { rows: marks } = await h.db.query<{ user_id: string; last_read_seq: string }>(
      `SELECT user_id, last_read_seq FROM chat_members WHERE chat_id = $1`,
      [chatId],
    );
    expect(Object.fromEntries(marks.map((m) => [m.user_id, m.last_read_seq]))).toEqual({
      [a]: '1',
      [b]: '2',
      [c]: '0',
    });
  });

  it('answers a retried send (new command, same clientMessageId) with the original message and no new event', async () => {
    const [a, b] = [newUser(), newUser()];
    const chatId = await group(a, [b]);
    const clientMessageId = randomUUID();
    const first = await send(a, chatId, 'once', clientMessageId);
    const again = await send(a, chatId, 'once', clientMessageId);
    expect(again).toEqual(first);
    expect(h.pushes().filter((p) => p.type === 'message.created' && p.data.chatId === chatId)).toHaveLength(
      1,
    );
    const { rows } = await h.db.query(`SELECT count(*)::INT AS n FROM messages WHERE chat_id = $1`, [chatId]);
    expect(rows[0].n).toBe(1);
    // Another sender's identical clientMessageId is another message.
    expect(await send(b, chatId, 'mine', clientMessageId)).toMatchObject({ seq: 2 });
  });

  it('applies one run of mixed commands in order: a repeat in the run, a failure alone, a member added mid-run', async () => {
    const [a, b, c] = [newUser(), newUser(), newUser()];
    const chatId = await group(a, [b]);
    const repeated = randomUUID();
    const sendOf = (actorId: string, content: string, clientMessageId = randomUUID()) =>
      h.envelope(SendMessage, { actorId, chatId, clientMessageId, content, kind: 'text' });
    const run = [
      sendOf(a, 'one', repeated),
      sendOf(c, 'not yet a member'),
      sendOf(a, 'one again', repeated),
      h.envelope(AddChatMember, { actorId: a, chatId, userId: c }),
      sendOf(c, 'now a member'),
      h.envelope(EditMessage, { actorId: b, chatId, messageId: randomUUID(), content: 'x' }),
      sendOf(b, 'three'),
    ];
    // One publish: the records arrive together and the worker takes them as one run.
    await h.publish(chatId, run);
    const outcomes = [];
    for (const command of run) outcomes.push(await h.outcome(command));
    expect(outcomes.map((o) => o.type)).toEqual([
      'command.succeeded',
      'command.failed',
      'command.succeeded',
      'command.succeeded',
      'command.succeeded',
      'command.failed',
      'command.succeeded',
    ]);
    expect(outcomes[1].data.code).toBe('NOT_MEMBER');
    expect(outcomes[5].data.code).toBe('NOT_FOUND');
    expect(outcomes[2].data.result).toEqual(outcomes[0].data.result);
    expect([outcomes[0], outcomes[4], outcomes[6]].map((o) => o.data.result!.seq)).toEqual([1, 2, 3]);
    const created = h.pushes().filter((p) => p.type === 'message.created' && p.data.chatId === chatId);
    expect(created.map((p) => p.data.content)).toEqual(['one', 'now a member', 'three']);
    // The member added mid-run is told of the messages after the add, not before.
    expect(created.map((p) => p.recipients.some((r) => r.userId === c))).toEqual([false, true, true]);
    // One transaction stored every outcome: they share its start time (`now()`).
    const { rows } = await h.db.query<{ n: number }>(
      `SELECT count(DISTINCT created_at)::INT AS n FROM user_events WHERE data->>'commandId' = ANY($1::TEXT[])`,
      [run.map((r) => r.id)],
    );
    expect(rows[0].n).toBe(1);
  });

  it('refuses a non-member (NOT_MEMBER) and a blocked sender in a private chat (BLOCKED), but not in a group', async () => {
    const [a, b] = [newUser(), newUser()];
    const groupId = await group(a, [b]);
    const payload = { clientMessageId: randomUUID(), content: 'x', kind: 'text' as const };
    expect(await h.failure(SendMessage, { actorId: newUser(), chatId: groupId, ...payload })).toBe(
      'NOT_MEMBER',
    );
    expect(await h.failure(SendMessage, { actorId: a, chatId: randomUUID(), ...payload })).toBe('NOT_MEMBER');

    const chatId = privateChatId(a, b);
    await h.succeed(CreatePrivateChat, { actorId: a, chatId, userId: b });
    await send(a, chatId, 'before');
    await h.succeed(BlockUser, { actorId: b, userId: a });
    expect(await h.failure(SendMessage, { actorId: a, chatId, ...payload })).toBe('BLOCKED');
    // The blocker may still write, and existing groups are unaffected.
    await send(b, chatId, 'from the blocker');
    await send(a, groupId, 'in the group');
  });

  it('lets only the sender edit, and the sender or a group admin delete; deleted messages are NOT_FOUND', async () => {
    const [a, b, c] = [newUser(), newUser(), newUser()];
    const chatId = await group(a, [b, c]);
    const { messageId } = await send(b, chatId, 'draft');

    expect(await h.failure(EditMessage, { actorId: c, chatId, messageId, content: 'hack' })).toBe(
      'FORBIDDEN',
    );
    expect(await h.failure(EditMessage, { actorId: a, chatId, messageId, content: 'hack' })).toBe(
      'FORBIDDEN',
    );
    expect(await h.failure(EditMessage, { actorId: b, chatId, messageId: randomUUID(), content: 'x' })).toBe(
      'NOT_FOUND',
    );
    const other = await group(b, [c]);
    expect(await h.failure(EditMessage, { actorId: b, chatId: other, messageId, content: 'x' })).toBe(
      'NOT_FOUND',
    );
    expect(await h.failure(EditMessage, { actorId: newUser(), chatId, messageId, content: 'x' })).toBe(
      'NOT_MEMBER',
    );

    expect(await h.succeed(EditMessage, { actorId: b, chatId, messageId, content: 'final' })).toEqual({
      messageId,
    });
    const updated = h.pushes().find((p) => p.type === 'message.updated' && p.data.id === messageId)!;
    expect(updated.data).toMatchObject({ content: 'final', editedAt: expect.any(String), deletedAt: null });
    expect(updated.recipients).toHaveLength(3);

    expect(await h.failure(DeleteMessage, { actorId: c, chatId, messageId })).toBe('FORBIDDEN');
    expect(await h.succeed(DeleteMessage, { actorId: a, chatId, messageId })).toEqual({ messageId });
    const deleted = h.pushes().find((p) => p.type === 'message.deleted' && p.data.id === messageId)!;
    expect(deleted.data).toMatchObject({ content: '', deletedAt: expect.any(String), seq: 1 });
    expect(deleted.recipients).toHaveLength(3);
    expect(await h.failure(DeleteMessage, { actorId: b, chatId, messageId })).toBe('NOT_FOUND');
    expect(await h.failure(EditMessage, { actorId: b, chatId, messageId, content: 'x' })).toBe('NOT_FOUND');

    const { messageId: own } = await send(c, chatId, 'mine');
    expect(await h.succeed(DeleteMessage, { actorId: c, chatId, messageId: own })).toEqual({
      messageId: own,
    });
    const { rows } = await h.db.query(`SELECT content, deleted_at FROM messages WHERE id = $1`, [own]);
    expect(rows[0]).toEqual({ content: '', deleted_at: expect.any(Date) });
  });

  it('moves read marks forward only, tells the members, and refuses a seq beyond the last message', async () => {
    const [a, b] = [newUser(), newUser()];
    const chatId = await group(a, [b]);
    await send(a, chatId, 'one');
    await send(a, chatId, 'two');

    expect(await h.failure(MarkChatRead, { actorId: b, chatId, seq: 3 })).toBe('INVALID');
    expect(await h.failure(MarkChatRead, { actorId: newUser(), chatId, seq: 1 })).toBe('NOT_MEMBER');
    expect(await h.succeed(MarkChatRead, { actorId: b, chatId, seq: 2 })).toEqual({ chatId, seq: 2 });
    const read = h.pushes().filter((p) => p.type === 'chat.read' && p.data.chatId === chatId);
    expect(read).toHaveLength(1);
    expect(read[0].data).toEqual({ chatId, userId: b, seq: 2 });
    expect(read[0].recipients.map((r) => r.userId).sort()).toEqual([a, b].sort());

    // Behind the mark: succeeds with where it stands, no event.
    expect(await h.succeed(MarkChatRead, { actorId: b, chatId, seq: 1 })).toEqual({ chatId, seq: 2 });
    expect(h.pushes().filter((p) => p.type === 'chat.read' && p.data.chatId === chatId)).toHaveLength(1);
  });

  it('turns a device ack into chat.delivered for the sender, once however often it is acked', async () => {
    const [a, b] = [newUser(), newUser()];
    const chatId = await group(a, [b]);
    await send(a, chatId, 'one');
    const { seq: messageSeq } = await send(a, chatId, 'two');
    await send(b, chatId, 'own messages need no receipt');
    const bSeq = await waitFor('b to have the messages in their log', async () => {
      const { rows } = await h.db.query<{ head: string }>(
        `SELECT max(seq) AS head FROM user_events WHERE user_id = $1`,
        [b],
      );
      return rows[0].head ? Number(rows[0].head) : undefined;
    });

    const ack = (deviceId: string) => h.command(AckDelivery, { actorId: b, deviceId, seq: bSeq });
    await ack('phone');
    const delivered = await waitFor('chat.delivered to the sender', () =>
      h.pushes().find((p) => p.type === 'chat.delivered' && p.data.chatId === chatId),
    );
    expect(delivered.data).toEqual({ chatId, userId: b, seq: messageSeq });
    expect(delivered.recipients.map((r) => r.userId).sort()).toEqual([a, b].sort());

    await ack('phone');
    await ack('tablet');
    await waitFor('the tablet ack to be recorded', async () => {
      const { rows } = await h.db.query(
        `SELECT acked_seq FROM device_receipts WHERE user_id = $1 AND device_id = 'tablet'`,
        [b],
      );
      return rows.length === 1;
    });
    const { rows: logged } = await h.db.query(
      `SELECT count(*)::INT AS n FROM user_events WHERE user_id = $1 AND type = 'chat.delivered'`,
      [a],
    );
    expect(logged[0].n).toBe(1);
    const { rows: member } = await h.db.query(
      `SELECT delivered_seq FROM chat_members WHERE chat_id = $1 AND user_id = $2`,
      [chatId, b],
    );
    expect(member[0].delivered_seq).toBe(String(messageSeq));
  });

  it('fans a status change out to chat peers as presence.changed, not to the user themself', async () => {
    const [a, b, c] = [newUser(), newUser(), newUser()];
    await group(a, [b]);
    await h.succeed(CreatePrivateChat, { actorId: a, chatId: privateChatId(a, c), userId: c });
    await group(b, [c]);

    const lastSeenAt = new Date().toISOString();
    const status = createEnvelope(
      UserStatusChanged.type,
      UserStatusChanged.version,
      { userId: a, status: 'away', lastSeenAt },
      { correlationId: `corr-${randomUUID()}` },
    );
    await h.kafka.send(topicName(h.kafka.prefix, TOPICS.userEvents), [
      { key: a, value: JSON.stringify(status) },
    ]);
    const push = await waitFor('presence.changed for a', () =>
      h.pushes().find((p) => p.type === 'presence.changed' && p.envelope.causationId === status.id),
    );
    expect(push.data).toEqual({ userId: a, status: 'away', lastSeenAt });
    expect(push.recipients).toEqual(expect.arrayContaining([{ userId: b }, { userId: c }]));
    expect(push.recipients).toHaveLength(2);
  });
});
