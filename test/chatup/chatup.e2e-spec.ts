import { Database } from '@chat/db';
import { randomBytes, randomUUID } from 'node:crypto';
import { ProcessedCommandsPruner } from '@chat/commands';
import { ChatupPruner } from '../../apps/chatup-service/src/chatup/database/chatup.pruner';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { Frame } from '../support/test-socket';
import { waitFor } from '../support/wait-for';

interface Matched {
  chatId: string;
  partner: { id: string; username: string; displayName: string; tags: string[] };
  commonTags: string[];
}

type RequestResult = { status: 'matched' } | { status: 'waiting'; expiresAt: string };

/**
 * ChatUp through real HTTP and WebSocket clients, two gateways, a chat worker and two
 * competing ChatUp workers over the real Kafka and database. Every test uses tags of its
 * own, so users left waiting by one test never match another's.
 */
describe('ChatUp matching (e2e)', () => {
  const system = new SystemUnderTest({
    gateways: 2,
    chatWorkers: 1,
    chatupWorkers: 2,
    env: {
      CHATUP_WAIT_SECONDS: '4',
      CHATUP_SWEEP_INTERVAL_MS: '200',
      CHATUP_DISCONNECT_GRACE_SECONDS: '1',
      CHATUP_RATE_LIMIT_PER_MINUTE: '5',
    },
  });
  let gatewayTurn = 0;
  const user = (overrides = {}) =>
    ChatUser.create(system.gatewayUrls[gatewayTurn++ % system.gatewayUrls.length], overrides);
  /** Tags no other test uses. */
  const vocabulary = () => {
    const prefix = randomBytes(4).toString('hex');
    return (name: string) => `${prefix}-${name}`;
  };
  const request = (u: ChatUser, tags?: string[]) =>
    u.succeed<RequestResult>('POST', '/chatup', tags === undefined ? {} : { tags });
  const matched = (u: ChatUser) => u.socket.next<Matched>('chatup.matched');
  const sorted = (tags: string[]) => [...tags].sort();
  const db = () => system.chatup.get(Database);

  beforeAll(() => system.start(), 120_000);
  afterAll(() => system.stop());

  it('matches two users with common tags into one private chat where they can talk at once', async () => {
    const t = vocabulary();
    const [alice, bob] = await Promise.all([user({ displayName: 'Alice' }), user({ displayName: 'Bob' })]);
    expect(await request(alice, [t('a'), t('b'), t('c')])).toMatchObject({ status: 'waiting' });
    expect(await request(bob, [t('c'), t('d'), t('b')])).toEqual({ status: 'matched' });

    const [atAlice, atBob] = await Promise.all([matched(alice), matched(bob)]);
    expect(atAlice.seq).toEqual(expect.any(Number));
    expect(atAlice.data.chatId).toBe(atBob.data.chatId);
    expect(sorted(atAlice.data.commonTags)).toEqual(sorted([t('b'), t('c')]));
    expect(sorted(atBob.data.commonTags)).toEqual(sorted([t('b'), t('c')]));
    expect(atAlice.data.partner).toEqual({
      id: bob.id,
      username: bob.session.user.username,
      displayName: 'Bob',
      tags: [t('c'), t('d'), t('b')],
    });
    expect(atBob.data.partner).toMatchObject({ id: alice.id, displayName: 'Alice' });

    const chatId = atAlice.data.chatId;
    await alice.socket.next<{ id: string }>('chat.created', (f) => f.data.id === chatId);
    const sent = await alice.succeed<{ messageId: string }>('POST', `/chats/${chatId}/messages`, {
      clientMessageId: randomUUID(),
      content: 'hi, fellow b and c fan',
    });
    const received = await bob.socket.next<{ id: string; senderId: string }>(
      'message.created',
      (f) => f.data.id === sent.messageId,
    );
    expect(received.data.senderId).toBe(alice.id);
  });

  it('chooses the waiting user with the most tags in common, then the longest waiting', async () => {
    const t = vocabulary();
    const [one, two, three, chooser, second, early, late, picker] = await Promise.all(
      Array.from({ length: 8 }, () => user()),
    );
    // Waiters who share nothing with each other, and 1, 2 and 3 tags with the chooser.
    await request(one, [t('a')]);
    await request(two, [t('b'), t('c')]);
    await request(three, [t('d'), t('e'), t('f')]);
    const all = ['a', 'b', 'c', 'd', 'e', 'f'].map(t);
    expect(await request(chooser, all)).toEqual({ status: 'matched' });
    const best = await matched(chooser);
    expect(best.data.partner.id).toBe(three.id);
    expect(sorted(best.data.commonTags)).toEqual(sorted([t('d'), t('e'), t('f')]));

    await request(second, [t('a'), t('b'), t('c')]);
    expect((await matched(second)).data.partner.id).toBe(two.id);
    await one.run('DELETE', '/chatup');

    // Equal overlap (one tag each): the one who has waited longer.
    await request(early, [t('p')]);
    await request(late, [t('q')]);
    await request(picker, [t('p'), t('q')]);
    expect((await matched(picker)).data.partner.id).toBe(early.id);
    await late.run('DELETE', '/chatup');
  });

  it('never matches a blocked pair, whichever of the two blocked', async () => {
    const t = vocabulary();
    const [blocker, blocked, other, blockedBy] = await Promise.all([user(), user(), user(), user()]);
    await blocker.succeed('POST', `/users/${blocked.id}/block`);
    await blockedBy.succeed('POST', `/users/${other.id}/block`);
    // The ChatUp worker learns of blocks from user.events; wait until its projection has them.
    await waitFor('the blocks projected', async () => {
      const { rows } = await db().query(
        `SELECT 1 FROM chatup_blocks WHERE (blocker_id, blocked_id) IN (($1::UUID, $2::UUID), ($3::UUID, $4::UUID))`,
        [blocker.id, blocked.id, blockedBy.id, other.id],
      );
      return rows.length === 2;
    });

    expect(await request(blocker, [t('same')])).toMatchObject({ status: 'waiting' });
    expect(await request(blocked, [t('same')])).toMatchObject({ status: 'waiting' });
    expect(await request(other, [t('too')])).toMatchObject({ status: 'waiting' });
    expect(await request(blockedBy, [t('too')])).toMatchObject({ status: 'waiting' });
    for (const u of [blocker, blocked, other, blockedBy]) await u.succeed('DELETE', '/chatup');
    for (const u of [blocker, blocked, other, blockedBy])
      expect(u.framesOf('chatup.matched')).toHaveLength(0);
  });

  it('never matches a pair again within the recent-match window', async () => {
    const t = vocabulary();
    const [a, b] = await Promise.all([user(), user()]);
    await request(a, [t('r')]);
    await request(b, [t('r')]);
    await Promise.all([matched(a), matched(b)]);
    expect(await request(a, [t('r')])).toMatchObject({ status: 'waiting' });
    expect(await request(b, [t('r')])).toMatchObject({ status: 'waiting' });
    await Promise.all([a.succeed('DELETE', '/chatup'), b.succeed('DELETE', '/chatup')]);
    expect(a.framesOf('chatup.matched')).toHaveLength(1);
  });

  it('tells a user whose wait ran out chatup.expired', async () => {
    const t = vocabulary();
    const loner = await user();
    const waiting = await request(loner, [t('rare'), t('niche')]);
    expect(waiting).toEqual({ status: 'waiting', expiresAt: expect.any(String) });
    const expired = await waitFor(
      'chatup.expired',
      () => loner.framesOf<{ tags: string[] }>('chatup.expired')[0],
      15_000,
    );
    expect(expired.seq).toEqual(expect.any(Number));
    expect(expired.data.tags).toEqual([t('rare'), t('niche')]);
  });

  it('cancels a waiting request; cancelling when not waiting fails NOT_FOUND', async () => {
    const t = vocabulary();
    const u = await user();
    await request(u, [t('c')]);
    await u.succeed('DELETE', '/chatup');
    const cancelled = await u.socket.next<{ reason: string }>('chatup.cancelled');
    expect(cancelled.data.reason).toBe('cancelled');
    const again = await u.run('DELETE', '/chatup');
    expect(again).toMatchObject({ type: 'command.failed', data: { code: 'NOT_FOUND' } });
  });

  it('drops a waiting user who stays disconnected past the grace period', async () => {
    const t = vocabulary();
    const u = await user();
    await request(u, [t('gone')]);
    await u.close();
    const event = await waitFor(
      'chatup.cancelled (disconnected) in the log',
      async () => {
        const page = await u.request<{ events: Frame<{ reason: string }>[] }>('GET', '/sync?after=0');
        return page.body.events.find((e) => e.type === 'chatup.cancelled');
      },
      15_000,
    );
    expect(event.data.reason).toBe('disconnected');
  });

  it('uses the profile tags when none are given, and refuses a request with no tags at all', async () => {
    const t = vocabulary();
    const [withTags, without, partner] = await Promise.all([user({ tags: [t('profile')] }), user(), user()]);
    await request(withTags);
    await request(partner, [t('profile')]);
    expect((await matched(partner)).data.commonTags).toEqual([t('profile')]);

    const none = await without.request<{ message: string[] }>('POST', '/chatup', {});
    expect(none.status).toBe(400);
    expect(none.body.message.join(' ')).toMatch(/tags/);
    const empty = await without.request<{ message: string[] }>('POST', '/chatup', { tags: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message.join(' ')).toMatch(/tags/);
  });

  it('rate-limits POST /chatup per user with 429 and Retry-After', async () => {
    const t = vocabulary();
    const u = await user();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await u.request('POST', '/chatup', { tags: [t('spam')] }));
    expect(answers.slice(0, 5).map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(answers[5].status).toBe(429);
    expect(Number(answers[5].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The other user is not limited.
    expect((await (await user()).request('POST', '/chatup', { tags: [t('other')] })).status).toBe(202);
  });

  it('gives each of 200 simultaneous requesters exactly one outcome, in at most one symmetric match', async () => {
    const t = vocabulary();
    const words = ['music', 'chess', 'hiking', 'films', 'cooking'].map(t);
    const users = await Promise.all(Array.from({ length: 200 }, () => user()));
    const tagsOf = new Map(
      users.map((u) => {
        const picked = words.filter(() => Math.random() < 0.4);
        return [u.id, picked.length > 0 ? picked : [words[Math.floor(Math.random() * words.length)]]];
      }),
    );
    await Promise.all(users.map((u) => u.command('POST', '/chatup', { tags: tagsOf.get(u.id) })));

    const outcomes = (u: ChatUser) => [...u.framesOf('chatup.matched'), ...u.framesOf('chatup.expired')];
    await waitFor(
      'an outcome for every requester',
      () => users.every((u) => outcomes(u).length > 0),
      90_000,
      200,
    );
    // Nothing is left in the pool that could still produce a second outcome.
    const { rows } = await db().query(`SELECT user_id FROM chatup_waiting WHERE user_id = ANY($1::UUID[])`, [
      users.map((u) => u.id),
    ]);
    expect(rows).toEqual([]);

    const byId = new Map(users.map((u) => [u.id, u]));
    let pairs = 0;
    for (const u of users) {
      expect(outcomes(u)).toHaveLength(1);
      const [match] = u.framesOf<Matched>('chatup.matched');
      if (!match) continue;
      pairs++;
      const partner = byId.get(match.data.partner.id)!;
      expect(partner).toBeDefined();
      const [back] = partner.framesOf<Matched>('chatup.matched');
      expect(back?.data.partner.id).toBe(u.id);
      expect(back.data.chatId).toBe(match.data.chatId);
      expect(sorted(match.data.commonTags)).toEqual(sorted(back.data.commonTags));
      const expected = tagsOf.get(u.id)!.filter((tag) => tagsOf.get(partner.id)!.includes(tag));
      expect(sorted(match.data.commonTags)).toEqual(sorted(expected));
      expect(expected.length).toBeGreaterThan(0);
    }
    // With five tags and most users holding two, nearly everyone finds someone.
    expect(pairs).toBeGreaterThan(100);
    await Promise.all(users.map((u) => u.close()));
  }, 180_000);

  it('prunes processed command ids past retention and pairs past the rematch window', async () => {
    const [oldId, newId] = [randomUUID(), randomUUID()];
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()].sort();
    await db().query(
      `INSERT INTO processed_commands (command_id, processed_at)
       VALUES ($1, now() - interval '9 days'), ($2, now())`,
      [oldId, newId],
    );
    await db().query(
      `INSERT INTO chatup_recent_matches (user_a, user_b, matched_at)
       VALUES ($1, $2, now() - interval '2 days'), ($1, $3, now())`,
      [a, b, c],
    );
    const pruner = system.chatup.get(ChatupPruner);
    while ((await pruner.prune()) > 0);
    const claims = system.chatup.get(ProcessedCommandsPruner);
    while ((await claims.prune()) > 0);
    const ids = await db().query<{ command_id: string }>(
      `SELECT command_id FROM processed_commands WHERE command_id = ANY($1::UUID[])`,
      [[oldId, newId]],
    );
    expect(ids.rows.map((r) => r.command_id)).toEqual([newId]);
    const pairs = await db().query<{ user_b: string }>(
      `SELECT user_b FROM chatup_recent_matches WHERE user_a = $1`,
      [a],
    );
    expect(pairs.rows.map((r) => r.user_b)).toEqual([c]);
  });
});
