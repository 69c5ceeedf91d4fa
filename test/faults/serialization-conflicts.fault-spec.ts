import { Database } from '@chat/db';
import { randomUUID } from 'node:crypto';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { waitFor } from '../support/wait-for';
import { printReport, scaled } from './support/fault-report';
import { pool, storedMessages, syncAll } from './support/fault-clients';

/**
 * Scenario 4 (issue 7): high contention on shared rows. Eight users share a hot group chat
 * and several others whose commands sit on other partitions, handled concurrently by two
 * workers: every message appends an event to all eight users' logs, so runs of different
 * chats race on the same per-user seq rows. Under SERIALIZABLE PostgreSQL aborts the losers
 * with SQLSTATE 40001 (retried inside the workers); under READ COMMITTED (the runs'
 * default) the losers wait for the row locks. Either way the race is observed (retries, or
 * sessions seen waiting on a lock), no client sees it, and every seq stays gap-free.
 */
describe('Serialization conflicts (faults)', () => {
  const MESSAGES = scaled(800, 3_000);
  const system = new SystemUnderTest({
    gateways: 1,
    chatWorkers: 2,
    chatupWorkers: 0,
    env: { KAFKA_PARTITIONS_CONCURRENCY: '6' },
  });

  beforeAll(() => system.start(), 120_000);
  afterAll(() => system.stop());

  it('keeps the race inside the workers (retries or lock waits) and answers every command with success', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => ChatUser.create(system.baseUrl)));
    const [admin, ...others] = users;
    const chats = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        admin
          .succeed<{ chatId: string }>('POST', '/chats/group', {
            name: `hot-${i}`,
            memberIds: others.map((u) => u.id),
          })
          .then((r) => r.chatId),
      ),
    );
    const dbs = system.chatWorkers.map((app) => app.get(Database, { strict: false }));
    const before = dbs.reduce((n, db) => n + db.stats.txRetries, 0);
    // Samples the database's sessions while the commands run: how often one waits on a lock.
    let sampling = true;
    let lockWaits = 0;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await dbs[0].query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        lockWaits += Number(rows[0].n);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();

    // Half the messages on the hot chat, the rest spread over the others.
    const statuses: number[] = [];
    const commands = await pool(
      Array.from({ length: MESSAGES }, (_, i) => i),
      48,
      async (i) => {
        const chatId = i % 2 === 0 ? chats[0] : chats[1 + (i % (chats.length - 1))];
        const res = await users[i % users.length].request<{ commandId: string }>(
          'POST',
          `/chats/${chatId}/messages`,
          {
            clientMessageId: randomUUID(),
            content: `c${i}`,
          },
        );
        statuses.push(res.status);
        return { sender: users[i % users.length], commandId: res.body.commandId };
      },
    );
    const outcomes = await waitFor(
      'every outcome',
      () => {
        const found = commands.map(({ sender, commandId }) =>
          sender.socket.frames.find(
            (f) =>
              (f.type === 'command.succeeded' || f.type === 'command.failed') &&
              (f.data as { commandId: string }).commandId === commandId,
          ),
        );
        return found.every(Boolean) && found;
      },
      180_000,
      500,
    );
    sampling = false;
    await sampler;
    const retries = dbs.reduce((n, db) => n + db.stats.txRetries, 0) - before;
    let usersWithSeqGaps = 0;
    for (const user of users) {
      const seqs = (await syncAll(user.api, user.token)).map((e) => e.seq);
      if (seqs.some((seq, k) => seq !== k + 1)) usersWithSeqGaps++;
    }
    const failedTx = dbs.reduce((n, db) => n + db.stats.txFailed, 0);
    const rows = await storedMessages(chats);
    const gaps = chats.filter((id) => {
      const seqs = rows.filter((r) => r.chat_id === id).map((r) => r.seq);
      return seqs.some((s, k) => s !== k + 1);
    }).length;
    const failed = outcomes.filter((f) => f!.type === 'command.failed').length;

    printReport('serialization conflicts', {
      'commands sent (8 users, 1 hot chat + 5)': MESSAGES,
      answers: [...new Set(statuses)].map((s) => `${s}×${statuses.filter((x) => x === s).length}`).join(' '),
      '40001 retries in the workers': retries,
      'sessions seen waiting on a row lock (samples)': lockWaits,
      'tx out of attempts (redone by the consumer)': failedTx,
      'outcomes: succeeded / failed': `${outcomes.length - failed} / ${failed}`,
      'messages stored': rows.length,
      'chats with seq gaps': gaps,
      'users with per-user seq gaps': usersWithSeqGaps,
    });
    expect(statuses.every((s) => s === 202)).toBe(true);
    expect(retries + lockWaits).toBeGreaterThan(0);
    expect(usersWithSeqGaps).toBe(0);
    expect(failed).toBe(0);
    expect(rows).toHaveLength(MESSAGES);
    expect(gaps).toBe(0);
  }, 300_000);
});
