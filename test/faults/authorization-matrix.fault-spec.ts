import { privateChatId } from '@chat/contracts';
import { randomUUID } from 'node:crypto';
import { ApiClient } from '../support/api-client';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { TestSocket } from '../support/test-socket';
import { waitFor } from '../support/wait-for';
import { printReport } from './support/fault-report';
import { syncAll } from './support/fault-clients';
import { expiredAccessToken } from './support/tokens';

type Who = 'no token' | 'expired token' | 'stranger' | 'non-member' | 'removed member';

/**
 * Scenario 6 (issue 7): every route and WebSocket action tried by callers who must not
 * see or change a group chat: no token, an expired token, a stranger, a non-member (who
 * shares another chat with its admin) and a removed member. Codes are the contract's,
 * and no answer, push or sync page carries the chat's name or content.
 */
describe('Authorization matrix (faults)', () => {
  const system = new SystemUnderTest({ gateways: 1, chatWorkers: 1, chatupWorkers: 1 });
  const SECRET_NAME = `secret-room-${randomUUID().slice(0, 8)}`;
  const SECRET_TEXT = `secret-text-${randomUUID().slice(0, 8)}`;
  let owner: ChatUser;
  let member: ChatUser;
  let removed: ChatUser;
  let nonMember: ChatUser;
  let stranger: ChatUser;
  let chatId: string;
  let messageId: string;
  let tried = 0;

  beforeAll(async () => {
    await system.start();
    const url = system.baseUrl;
    [owner, member, removed, nonMember, stranger] = await Promise.all(
      Array.from({ length: 5 }, () => ChatUser.create(url)),
    );
    ({ chatId } = await owner.succeed<{ chatId: string }>('POST', '/chats/group', {
      name: SECRET_NAME,
      memberIds: [member.id, removed.id],
    }));
    await owner.succeed('POST', '/chats/private', { userId: nonMember.id });
    ({ messageId } = await owner.succeed<{ messageId: string }>('POST', `/chats/${chatId}/messages`, {
      clientMessageId: randomUUID(),
      content: 'before the removal',
    }));
    await owner.succeed('DELETE', `/chats/${chatId}/members/${removed.id}`);
    await owner.succeed('POST', `/chats/${chatId}/messages`, {
      clientMessageId: randomUUID(),
      content: SECRET_TEXT,
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([owner, member, removed, nonMember, stranger].map((u) => u?.close()));
    await system.stop();
  });

  const ROUTES: [string, () => string, () => unknown][] = [
    ['GET', () => '/users/me', () => undefined],
    ['PATCH', () => '/users/me', () => ({ displayName: 'x' })],
    ['PUT', () => '/users/me/status', () => ({ status: 'away' })],
    ['GET', () => `/users/${owner.id}/profile`, () => undefined],
    ['GET', () => '/users/me/chats', () => undefined],
    ['GET', () => '/sync', () => undefined],
    ['POST', () => '/chats/private', () => ({ userId: owner.id })],
    ['POST', () => '/chats/group', () => ({ name: 'g', memberIds: [owner.id] })],
    ['POST', () => `/users/${owner.id}/block`, () => undefined],
    ['DELETE', () => `/users/${owner.id}/block`, () => undefined],
    ['POST', () => '/chatup', () => ({ tags: ['authz'] })],
    ['DELETE', () => '/chatup', () => undefined],
    ['GET', () => `/chats/${chatId}`, () => undefined],
    ['GET', () => `/chats/${chatId}/messages`, () => undefined],
    ['POST', () => `/chats/${chatId}/members`, () => ({ userId: stranger.id })],
    ['DELETE', () => `/chats/${chatId}/members/${member.id}`, () => undefined],
    [
      'POST',
      () => `/chats/${chatId}/messages`,
      () => ({ clientMessageId: randomUUID(), content: 'intruder' }),
    ],
    ['PATCH', () => `/chats/${chatId}/messages/${messageId}`, () => ({ content: 'intruder' })],
    ['DELETE', () => `/chats/${chatId}/messages/${messageId}`, () => undefined],
    ['POST', () => `/chats/${chatId}/read`, () => ({ seq: 1 })],
  ];
  const CHAT_QUERIES = new Set([`GET /chats/:id`, `GET /chats/:id/messages`]);
  // What a caller must never see: the chat's name (known to past members only) and what
  // was said after the removal (known to nobody outside the chat).
  const leaks = (body: unknown, pastMember = false) => {
    const text = JSON.stringify(body ?? '');
    return (!pastMember && text.includes(SECRET_NAME)) || text.includes(SECRET_TEXT);
  };

  it.each<Who>(['no token', 'expired token'])('%s: every route answers 401', async (who) => {
    const api = new ApiClient(system.baseUrl);
    const token =
      who === 'expired token' ? expiredAccessToken(owner.id, owner.session.user.username) : undefined;
    const wrong: string[] = [];
    for (const [method, path, body] of ROUTES) {
      const res = await api.request(method, path(), { token, body: body() });
      tried++;
      if (res.status !== 401 || leaks(res.body)) wrong.push(`${method} ${path()} → ${res.status}`);
    }
    // The socket refuses them with 4401.
    const socket = await TestSocket.open(system.baseUrl, { token: token ?? '' });
    tried++;
    expect((await socket.waitForClose()).code).toBe(4401);
    expect(wrong).toEqual([]);
  });

  it.each<Exclude<Who, 'no token' | 'expired token'>>(['stranger', 'non-member', 'removed member'])(
    '%s: 404 or NOT_MEMBER on the chat, nothing of it in any answer',
    async (who) => {
      const caller = { stranger, 'non-member': nonMember, 'removed member': removed }[who];
      const wrong: string[] = [];
      for (const [method, pathOf, body] of ROUTES.filter(([, p]) => p().startsWith(`/chats/${chatId}`))) {
        const path = pathOf();
        const route = `${method} ${path.replace(chatId, ':id')}`;
        const res = await caller.request<{ commandId?: string }>(method, path, body());
        tried++;
        if (leaks(res.body)) wrong.push(`${route} leaked: ${JSON.stringify(res.body).slice(0, 100)}`);
        if (CHAT_QUERIES.has(route.replace(/\?.*/, ''))) {
          if (res.status !== 404) wrong.push(`${route} → ${res.status}`);
        } else if (res.status === 202) {
          const outcome = await caller.outcome(res.body.commandId!);
          if (outcome.type !== 'command.failed' || outcome.data.code !== 'NOT_MEMBER')
            wrong.push(`${route} → ${outcome.type} ${outcome.data.code ?? ''}`);
        } else if (res.status !== 404) wrong.push(`${route} → ${res.status}`);
      }
      // Typing into the chat reaches nobody in it.
      caller.socket.send({ type: 'typing', chatId });
      tried++;
      // Own lists and catch-up hold nothing said after they left (or ever, for the others).
      const chats = await caller.request('GET', '/users/me/chats');
      const synced = await syncAll(caller.api, caller.token);
      tried += 2;
      const past = who === 'removed member';
      if (leaks(chats.body, past)) wrong.push('GET /users/me/chats leaked the chat');
      if (who !== 'removed member' && JSON.stringify(chats.body).includes(chatId)) wrong.push('chat listed');
      if (leaks(synced, past)) wrong.push('/sync leaked');
      if (caller.socket.frames.some((f) => leaks(f, past))) wrong.push('a push leaked');
      // A marker typing from the owner arrives, the intruder's typing did not.
      member.socket.send({ type: 'typing', chatId });
      await waitFor(
        'the member typing at the owner',
        () => owner.framesOf<{ userId: string }>('typing', (d) => d.userId === member.id).length > 0,
      );
      if (owner.framesOf<{ userId: string }>('typing', (d) => d.userId === caller.id).length > 0)
        wrong.push('typing relayed');
      expect(wrong).toEqual([]);
    },
    120_000,
  );

  it('a member who is not an admin, and a sender of none of the messages, are refused FORBIDDEN', async () => {
    const wrong: string[] = [];
    const attempts: [string, string, unknown][] = [
      ['POST', `/chats/${chatId}/members`, { userId: stranger.id }], // only admins add
      ['DELETE', `/chats/${chatId}/members/${owner.id}`, undefined], // only admins remove others
      ['PATCH', `/chats/${chatId}/messages/${messageId}`, { content: 'not mine' }], // only the sender edits
      ['DELETE', `/chats/${chatId}/messages/${messageId}`, undefined], // the sender or an admin deletes
    ];
    for (const [method, path, body] of attempts) {
      const outcome = await member.run(method, path, body);
      tried++;
      if (outcome.type !== 'command.failed' || outcome.data.code !== 'FORBIDDEN')
        wrong.push(`${method} ${path.replace(chatId, ':id')} → ${outcome.type} ${outcome.data.code ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a blocked user is BLOCKED in the blocker’s private chat and cannot put the blocker in a group', async () => {
    const privateId = privateChatId(owner.id, nonMember.id);
    await owner.succeed('POST', `/users/${nonMember.id}/block`);
    try {
      const wrong: string[] = [];
      const attempts: [string, string, unknown][] = [
        ['POST', `/chats/${privateId}/messages`, { clientMessageId: randomUUID(), content: 'hello?' }],
        ['POST', `/chats/${privateId}/read`, { seq: 0 }],
        ['POST', '/chats/group', { name: 'with the blocker', memberIds: [owner.id] }],
      ];
      for (const [method, path, body] of attempts) {
        const outcome = await nonMember.run(method, path, body);
        tried++;
        if (outcome.type !== 'command.failed' || outcome.data.code !== 'BLOCKED')
          wrong.push(`${method} ${path} → ${outcome.type} ${outcome.data.code ?? ''}`);
      }
      const typing = await nonMember.socket.ask<{ message: string }>(
        { type: 'typing', chatId: privateId },
        'error',
      );
      tried++;
      if (!/blocked/.test(typing.data.message)) wrong.push(`typing → ${typing.data.message}`);
      expect(wrong).toEqual([]);
    } finally {
      await owner.succeed('DELETE', `/users/${nonMember.id}/block`);
    }
  });

  it('the chat is intact for its members after all that', async () => {
    const page = await member.request<{ messages: { content: string }[] }>(
      'GET',
      `/chats/${chatId}/messages`,
    );
    expect(page.status).toBe(200);
    expect(page.body.messages.map((m) => m.content)).toEqual([SECRET_TEXT, 'before the removal']);
    const chat = await member.request<{ members: { userId: string }[] }>('GET', `/chats/${chatId}`);
    expect(chat.body.members.map((m) => m.userId).sort()).toEqual([owner.id, member.id].sort());
    printReport('authorization matrix', {
      routes: ROUTES.length,
      callers:
        'no token, expired token, stranger, non-member, removed member, a member who is not an admin, a blocked user',
      'requests and socket actions tried': tried,
      'leaks / wrong codes': 0,
    });
  });
});
