import {
  AddChatMember,
  BlockUser,
  CreateGroupChat,
  CreatePrivateChat,
  privateChatId,
  RemoveChatMember,
  UnblockUser,
} from '@chat/contracts';
import { randomUUID } from 'node:crypto';
import { ChatWorkerHarness, newUser } from './chat-worker.harness';

/** Chats, members and blocks through a real chat worker, Kafka and database. */
describe('chat worker: chats, members, blocks (real engines)', () => {
  const h = new ChatWorkerHarness();

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const roles = async (chatId: string) =>
    (
      await h.db.query<{ user_id: string; role: string }>(
        `SELECT user_id, role FROM chat_members WHERE chat_id = $1 ORDER BY user_id`,
        [chatId],
      )
    ).rows.map((r) => [r.user_id, r.role]);

  async function group(admin: string, memberIds: string[]): Promise<string> {
    const chatId = randomUUID();
    await h.succeed(CreateGroupChat, { actorId: admin, chatId, name: 'team', memberIds });
    return chatId;
  }

  it('creates a private chat once; asking again (either side) answers the same chat and no second chat.created', async () => {
    const [a, b] = [newUser(), newUser()];
    const chatId = privateChatId(a, b);
    const first = h.envelope(CreatePrivateChat, { actorId: a, chatId, userId: b });
    await h.publish(chatId, [first]);
    expect(await h.outcome(first)).toEqual({
      type: 'command.succeeded',
      data: { commandId: first.id, result: { chatId } },
    });
    const created = h.pushes().filter((p) => p.type === 'chat.created' && p.data.id === chatId);
    expect(created).toHaveLength(1);
    expect(created[0].recipients.map((r) => r.userId).sort()).toEqual([a, b].sort());
    expect(created[0].recipients.every((r) => typeof r.seq === 'number')).toBe(true);
    expect(created[0].data).toEqual({
      id: chatId,
      type: 'private',
      name: null,
      members: [
        { userId: a, role: 'member' },
        { userId: b, role: 'member' },
      ],
      createdAt: expect.any(String),
    });
    // The push carries the command's correlation and names the command as its cause.
    expect(created[0].envelope).toMatchObject({ correlationId: first.correlationId, causationId: first.id });

    expect(await h.succeed(CreatePrivateChat, { actorId: b, chatId, userId: a })).toEqual({ chatId });
    expect(await h.succeed(CreatePrivateChat, { actorId: a, chatId, userId: b })).toEqual({ chatId });
    expect(h.pushes().filter((p) => p.type === 'chat.created' && p.data.id === chatId)).toHaveLength(1);
    const { rows } = await h.db.query(`SELECT type, name, created_by FROM chats WHERE id = $1`, [chatId]);
    expect(rows).toEqual([{ type: 'private', name: null, created_by: a }]);
    expect(await roles(chatId)).toEqual([a, b].sort().map((u) => [u, 'member']));
  });

  it('refuses a private chat with oneself or under a wrong id as INVALID', async () => {
    const [a, b] = [newUser(), newUser()];
    expect(await h.failure(CreatePrivateChat, { actorId: a, chatId: privateChatId(a, a), userId: a })).toBe(
      'INVALID',
    );
    expect(await h.failure(CreatePrivateChat, { actorId: a, chatId: randomUUID(), userId: b })).toBe(
      'INVALID',
    );
  });

  it('creates a group with its creator as admin, tells everyone, and refuses its id again as CONFLICT', async () => {
    const [a, b, c] = [newUser(), newUser(), newUser()];
    const chatId = randomUUID();
    expect(
      await h.succeed(CreateGroupChat, { actorId: a, chatId, name: 'team', memberIds: [b, c, b, a] }),
    ).toEqual({ chatId });
    const created = h.pushes().find((p) => p.type === 'chat.created' && p.data.id === chatId)!;
    expect(created.recipients.map((r) => r.userId).sort()).toEqual([a, b, c].sort());
    expect(created.data).toMatchObject({
      type: 'group',
      name: 'team',
      members: [
        { userId: a, role: 'admin' },
        { userId: b, role: 'member' },
        { userId: c, role: 'member' },
      ],
    });
    expect(await roles(chatId)).toEqual(
      [
        [a, 'admin'],
        [b, 'member'],
        [c, 'member'],
      ].sort(),
    );
    expect(await h.failure(CreateGroupChat, { actorId: b, chatId, name: 'again', memberIds: [c] })).toBe(
      'CONFLICT',
    );
  });

  it('applies the same command envelope delivered twice once, with one outcome', async () => {
    const [a, b] = [newUser(), newUser()];
    const chatId = randomUUID();
    const create = h.envelope(CreateGroupChat, { actorId: a, chatId, name: 'twice', memberIds: [b] });
    // Applied twice, the second would fail CONFLICT: one success proves it ran once.
    await h.publish(chatId, [create, create]);
    expect(await h.outcome(create)).toMatchObject({ type: 'command.succeeded' });
    // A later command on the same key is processed after both copies.
    await h.succeed(AddChatMember, { actorId: a, chatId, userId: newUser() });
    const outcomes = h
      .pushes()
      .filter(
        (p) => p.type.startsWith('command.') && (p.data as { commandId: string }).commandId === create.id,
      );
    expect(outcomes).toHaveLength(1);
    expect(h.pushes().filter((p) => p.type === 'chat.created' && p.data.id === chatId)).toHaveLength(1);
  });

  it('lets an admin add members, and refuses others with NOT_MEMBER, FORBIDDEN, CONFLICT, BLOCKED', async () => {
    const [a, b, c, d] = [newUser(), newUser(), newUser(), newUser()];
    const chatId = await group(a, [b, c]);

    expect(await h.succeed(AddChatMember, { actorId: a, chatId, userId: d })).toEqual({ chatId, userId: d });
    const added = h.pushes().find((p) => p.type === 'chat.member_added' && p.data.chatId === chatId)!;
    expect(added.data).toEqual({ chatId, userId: d });
    expect(added.recipients.map((r) => r.userId).sort()).toEqual([a, b, c, d].sort());

    const outsider = newUser();
    expect(await h.failure(AddChatMember, { actorId: outsider, chatId, userId: newUser() })).toBe(
      'NOT_MEMBER',
    );
    expect(await h.failure(AddChatMember, { actorId: a, chatId: randomUUID(), userId: b })).toBe(
      'NOT_MEMBER',
    );
    expect(await h.failure(AddChatMember, { actorId: b, chatId, userId: newUser() })).toBe('FORBIDDEN');
    expect(await h.failure(AddChatMember, { actorId: a, chatId, userId: c })).toBe('CONFLICT');

    const blocker = newUser();
    await h.succeed(BlockUser, { actorId: blocker, userId: a });
    expect(await h.failure(AddChatMember, { actorId: a, chatId, userId: blocker })).toBe('BLOCKED');

    const privateChat = privateChatId(a, b);
    await h.succeed(CreatePrivateChat, { actorId: a, chatId: privateChat, userId: b });
    expect(await h.failure(AddChatMember, { actorId: a, chatId: privateChat, userId: c })).toBe('FORBIDDEN');
    expect(await h.failure(RemoveChatMember, { actorId: a, chatId: privateChat, userId: a })).toBe(
      'FORBIDDEN',
    );
  });

  it('removes members (admins, or a member leaving) and promotes the earliest member when the last admin leaves', async () => {
    const [a, b, c] = [newUser(), newUser(), newUser()];
    const chatId = await group(a, [b, c]);
    const d = newUser();
    await h.succeed(AddChatMember, { actorId: a, chatId, userId: d });

    expect(await h.failure(RemoveChatMember, { actorId: b, chatId, userId: c })).toBe('FORBIDDEN');
    expect(await h.succeed(RemoveChatMember, { actorId: a, chatId, userId: c })).toEqual({
      chatId,
      userId: c,
    });
    const removed = h.pushes().find((p) => p.type === 'chat.member_removed' && p.data.chatId === chatId)!;
    expect(removed.data).toEqual({ chatId, userId: c });
    // The removed member hears of it too.
    expect(removed.recipients.map((r) => r.userId).sort()).toEqual([a, b, c, d].sort());
    expect(await h.failure(RemoveChatMember, { actorId: a, chatId, userId: c })).toBe('NOT_FOUND');
    expect(await h.failure(RemoveChatMember, { actorId: c, chatId, userId: c })).toBe('NOT_MEMBER');

    // The only admin leaves: b joined first among those left, so b becomes admin.
    await h.succeed(RemoveChatMember, { actorId: a, chatId, userId: a });
    expect(await roles(chatId)).toEqual(
      [
        [b, 'admin'],
        [d, 'member'],
      ].sort(),
    );
    expect(await h.succeed(RemoveChatMember, { actorId: d, chatId, userId: d })).toEqual({
      chatId,
      userId: d,
    });
  });

  it('blocks: no private chat with the blocker, no group naming them; self-block INVALID; unblock lifts it', async () => {
    const [a, b] = [newUser(), newUser()];
    expect(await h.succeed(BlockUser, { actorId: b, userId: a })).toEqual({ userId: a });
    expect(await h.succeed(BlockUser, { actorId: b, userId: a })).toEqual({ userId: a });
    expect(await h.failure(BlockUser, { actorId: b, userId: b })).toBe('INVALID');

    const chatId = privateChatId(a, b);
    expect(await h.failure(CreatePrivateChat, { actorId: a, chatId, userId: b })).toBe('BLOCKED');
    expect(
      await h.failure(CreateGroupChat, {
        actorId: a,
        chatId: randomUUID(),
        name: 'g',
        memberIds: [newUser(), b],
      }),
    ).toBe('BLOCKED');
    // Blocking is one-way: the blocker may still open the chat.
    expect(
      (await h.db.query(`SELECT 1 FROM blocks WHERE blocker_id = $1 AND blocked_id = $2`, [b, a])).rows,
    ).toHaveLength(1);

    expect(await h.succeed(UnblockUser, { actorId: b, userId: a })).toEqual({ userId: a });
    expect(await h.succeed(CreatePrivateChat, { actorId: a, chatId, userId: b })).toEqual({ chatId });
  });
});
