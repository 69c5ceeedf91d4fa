import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { waitFor } from '../support/wait-for';
import { printReport, scaled } from './support/fault-report';
import { messageFrames, pause, pool, storedMessages, syncAll } from './support/fault-clients';
import { ServiceProcess } from './support/service-process';

/** A counter from the process's /metrics (summed over labels); 0 when unreachable. */
async function metric(process: ServiceProcess, name: string): Promise<number> {
  const res = await fetch(`${process.url}/metrics`).catch(() => undefined);
  if (!res?.ok) return 0;
  let total = 0;
  for (const line of (await res.text()).split('\n'))
    if (line.startsWith(name) && (line[name.length] === ' ' || line[name.length] === '{'))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  return total;
}

/** Statements only a run of chat commands issues (its claim, its send statements, its outbox shard). */
const RUN_STATEMENT =
  'processed_commands|JOIN chats c ON|UPDATE chats c SET|INSERT INTO messages|UPDATE chat_members m|envelope, shard|SAVEPOINT';

/**
 * Whether the worker's database session is inside a run's transaction right now (its
 * sessions are named `chat-service/<instance id>`): a cheap probe, unlike /metrics.
 */
async function inRun(db: pg.Client, worker: ServiceProcess): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::INT AS n FROM pg_stat_activity
      WHERE application_name = $1 AND xact_start IS NOT NULL AND query ~ $2`,
    [`chat-service/${worker.instanceId}`.slice(0, 63), RUN_STATEMENT],
  );
  return rows[0].n > 0;
}

interface Sent {
  chat: number;
  sender: ChatUser;
  clientMessageId: string;
  commandId?: string;
  /** When the 202 came (Date.now()). */
  acceptedAt?: number;
  statuses: number[];
}

/**
 * Scenario 1 (issue 7): two chat workers as separate processes, one SIGKILLed every few
 * seconds and restarted while messages flow across many chats. What went in (accepted
 * commands) is compared with what came out: outcomes in the log, stored rows, pushes.
 */
describe('Worker crashes (faults)', () => {
  const TOTAL = scaled(2_000, 10_000);
  const CHATS = scaled(20, 50);
  const RATE_PER_S = scaled(100, 160);
  const KILL_EVERY_MS = 4_000;
  const system = new SystemUnderTest({ gateways: 2, chatWorkers: 0, chatupWorkers: 0 });
  const workers: ServiceProcess[] = [];
  const env = { KAFKA_SESSION_TIMEOUT_MS: '6000', LOG_LEVEL: 'warn' };

  beforeAll(async () => {
    workers.push(await ServiceProcess.create('chat-service', `crash-w0-${randomUUID().slice(0, 6)}`, env));
    workers.push(await ServiceProcess.create('chat-service', `crash-w1-${randomUUID().slice(0, 6)}`, env));
    await workers[0].start(); // migrations first, once
    await Promise.all([workers[1].start(), system.start()]);
  }, 180_000);

  afterAll(async () => {
    await Promise.allSettled(workers.map((w) => w.stop()));
    await system.stop();
  }, 60_000);

  it(`stores and delivers every accepted message exactly once while workers are SIGKILLed`, async () => {
    // Three members per group chat, spread over both gateways.
    const members = await pool(
      Array.from({ length: CHATS * 3 }, (_, i) => i),
      8,
      (i) => ChatUser.create(system.gatewayUrls[i % 2]),
    );
    const chats = await pool(
      Array.from({ length: CHATS }, (_, c) => c),
      8,
      async (c) => {
        const [admin, ...others] = members.slice(c * 3, c * 3 + 3);
        const { chatId } = await admin.succeed<{ chatId: string }>('POST', '/chats/group', {
          name: `crash-${c}`,
          memberIds: others.map((m) => m.id),
        });
        return { chatId, members: [admin, ...others] };
      },
    );

    // Kill a worker every few seconds while the messages flow, at a moment its database
    // session is inside a run's transaction, so the kills land inside batches: the one due
    // (alternating) if it is caught in a run within 1 s, else whichever is caught first
    // within 3 s more, else the one due anyway.
    let sending = true;
    let kills = 0;
    let killsInsideRuns = 0;
    const probe = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await probe.connect();
    const killer = (async () => {
      while (sending) {
        await pause(KILL_EVERY_MS);
        if (!sending) break;
        let victim = workers[kills % 2];
        let caught = false;
        const started = Date.now();
        while (!caught && Date.now() - started < 4_000) {
          const candidates = Date.now() - started < 1_000 ? [victim] : workers;
          for (const w of candidates) if (!caught && (await inRun(probe, w))) [victim, caught] = [w, true];
        }
        if (caught) killsInsideRuns++;
        await victim.kill('SIGKILL');
        kills++;
        // Restarted at once; it rejoins the group (a rebalance) while the next kill comes,
        // so some kills hit a worker that is still starting: crashes mid-startup too.
        victim.spawn();
      }
    })();

    const sent: Sent[] = Array.from({ length: TOTAL }, (_, i) => ({
      chat: i % CHATS,
      sender: chats[i % CHATS].members[Math.floor(i / CHATS) % 3],
      clientMessageId: randomUUID(),
      statuses: [],
    }));
    const began = Date.now();
    try {
      await pool(sent, 32, async (s, i) => {
        const due = began + (i * 1000) / RATE_PER_S;
        if (due > Date.now()) await pause(due - Date.now());
        const body = { clientMessageId: s.clientMessageId, content: `m${i}` };
        // A 503 means "not accepted, retry": the same clientMessageId makes the retry safe.
        for (let attempt = 0; attempt < 20 && !s.commandId; attempt++) {
          const res = await s.sender.request<{ commandId: string }>(
            'POST',
            `/chats/${chats[s.chat].chatId}/messages`,
            body,
          );
          s.statuses.push(res.status);
          if (res.status === 202) [s.commandId, s.acceptedAt] = [res.body.commandId, Date.now()];
          else if (res.status === 503) await pause(250);
          else break;
        }
      });
    } finally {
      sending = false;
      await killer;
      await probe.end();
    }
    const sendSeconds = (Date.now() - began) / 1000;
    await Promise.all(workers.map((w) => w.ready(90_000)));

    const accepted = sent.filter((s) => s.commandId);
    // Every accepted command reaches an outcome on its sender's socket…
    await waitFor(
      'an outcome for every accepted command',
      () => {
        const done = new Set<string>();
        for (const m of members)
          for (const f of m.socket.frames)
            if (f.type === 'command.succeeded' || f.type === 'command.failed')
              done.add((f.data as { commandId: string }).commandId);
        return accepted.every((s) => done.has(s.commandId!));
      },
      180_000,
      500,
    );
    // …and exactly one outcome in the log (what /sync replays).
    const outcomes = new Map<string, string[]>();
    const acceptedIds = new Set(accepted.map((s) => s.commandId));
    let rawOutcomeFrames = 0;
    for (const m of members) {
      for (const e of await syncAll(m.api, m.token))
        if (e.type === 'command.succeeded' || e.type === 'command.failed') {
          const id = e.data.commandId as string;
          outcomes.set(id, [...(outcomes.get(id) ?? []), e.type]);
        }
      rawOutcomeFrames += m.socket.frames.filter(
        (f) =>
          (f.type === 'command.succeeded' || f.type === 'command.failed') &&
          acceptedIds.has((f.data as { commandId: string }).commandId),
      ).length;
    }
    const outcomeCounts = accepted.map((s) => outcomes.get(s.commandId!) ?? []);
    // Each member's event log is numbered 1..n with no gap and no repeat.
    let usersWithSeqGaps = 0;
    for (const m of members) {
      const seqs = (await syncAll(m.api, m.token)).map((e) => e.seq);
      if (seqs.some((seq, k) => seq !== k + 1)) usersWithSeqGaps++;
    }
    // Redelivered commands the restarted or surviving workers found already done.
    const alreadyProcessed = (
      await Promise.all(workers.map((w) => metric(w, 'chat_commands_already_processed_total')))
    ).reduce((a, b) => a + b, 0);

    // Stored exactly once, gap-free per chat.
    const rows = await storedMessages(chats.map((c) => c.chatId));
    const byChat = new Map<string, typeof rows>();
    for (const r of rows) byChat.set(r.chat_id, [...(byChat.get(r.chat_id) ?? []), r]);
    const gaps = chats.filter(({ chatId }) => {
      const seqs = (byChat.get(chatId) ?? []).map((r) => r.seq);
      return seqs.some((seq, k) => seq !== k + 1);
    }).length;
    const storedIds = new Set(rows.map((r) => r.client_message_id));
    const storedTwice = rows.length - storedIds.size;

    // Every online member got every message of their chat, after dedupe by message id.
    let delivered = 0;
    let rawPushes = 0;
    let missingDeliveries = 0;
    await waitFor(
      'every message at every member',
      () =>
        chats.every((c) =>
          c.members.every(
            (m) =>
              new Set(
                messageFrames(m)
                  .filter((f) => f.data.chatId === c.chatId)
                  .map((f) => f.data.id),
              ).size >= (byChat.get(c.chatId)?.length ?? 0),
          ),
        ),
      120_000,
      500,
    ).catch(() => undefined); // counted below
    for (const c of chats) {
      const expected = new Set((byChat.get(c.chatId) ?? []).map((r) => r.id));
      for (const m of c.members) {
        const frames = messageFrames(m).filter((f) => f.data.chatId === c.chatId);
        rawPushes += frames.length;
        const got = new Set(frames.map((f) => f.data.id));
        delivered += got.size;
        missingDeliveries += [...expected].filter((id) => !got.has(id)).length;
      }
    }
    const expectedDeliveries = rows.length * 3;
    // How long a push stalled: from a message's 202 to its first frame on any member's
    // socket. Kills stall the victim's partitions (and the pushes it committed and had not
    // published) until the group hands them over; the bound is the group failover.
    const firstFrameAt = new Map<string, number>();
    for (const m of members)
      m.socket.frames.forEach((f, k) => {
        const id = (f.data as { clientMessageId?: string }).clientMessageId;
        if (f.type !== 'message.created' || !id) return;
        firstFrameAt.set(id, Math.min(firstFrameAt.get(id) ?? Infinity, m.socket.receivedAt[k]));
      });
    const stalls = accepted
      .filter((s) => firstFrameAt.has(s.clientMessageId))
      .map((s) => firstFrameAt.get(s.clientMessageId)! - s.acceptedAt!);

    printReport('worker crashes', {
      'chats × members': `${CHATS} × 3 (online, 2 gateways)`,
      'chat workers (processes)': 2,
      'commands sent': TOTAL,
      'accepted (202)': accepted.length,
      '503 answers (retried, same clientMessageId)': sent.reduce(
        (n, s) => n + s.statuses.filter((x) => x === 503).length,
        0,
      ),
      'other answers': sent.reduce((n, s) => n + s.statuses.filter((x) => x !== 202 && x !== 503).length, 0),
      'send phase (s)': sendSeconds.toFixed(1),
      'SIGKILLs done': kills,
      'SIGKILLs inside a run transaction': killsInsideRuns,
      'redelivered commands found done (skipped)': alreadyProcessed,
      'outcomes in log': outcomeCounts.filter((o) => o.length > 0).length,
      'commands with ≠1 outcome': outcomeCounts.filter((o) => o.length !== 1).length,
      'command.failed': outcomeCounts.filter((o) => o.includes('command.failed')).length,
      'outcome frames on sockets (raw)': rawOutcomeFrames,
      'messages stored': rows.length,
      'stored twice': storedTwice,
      'lost (accepted, not stored)': accepted.filter((s) => !storedIds.has(s.clientMessageId)).length,
      'chats with seq gaps': gaps,
      'users with per-user seq gaps': usersWithSeqGaps,
      'deliveries expected (stored × 3)': expectedDeliveries,
      'delivered (deduped by message id)': delivered,
      'missing deliveries': missingDeliveries,
      'raw pushes (duplicates included)': rawPushes,
      'duplicate pushes (removed by dedupe)': rawPushes - delivered,
      '202 → first push, p50 / p99 / max (ms)': [0.5, 0.99, 1]
        .map(
          (q) =>
            [...stalls].sort((x, y) => x - y)[Math.min(stalls.length - 1, Math.floor(q * stalls.length))],
        )
        .join(' / '),
      'group failover: session timeout (ms)': Number(env.KAFKA_SESSION_TIMEOUT_MS),
    });

    expect(kills).toBeGreaterThanOrEqual(3);
    expect(killsInsideRuns).toBeGreaterThanOrEqual(1);
    expect(usersWithSeqGaps).toBe(0);
    expect(accepted.length).toBe(TOTAL);
    expect(outcomeCounts.every((o) => o.length === 1 && o[0] === 'command.succeeded')).toBe(true);
    expect(rows.length).toBe(accepted.length);
    expect(storedTwice).toBe(0);
    expect(gaps).toBe(0);
    expect(missingDeliveries).toBe(0);
    expect(delivered).toBe(expectedDeliveries);
    expect(workers.map((w) => w.unexpectedExits())).toEqual([0, 0]);
  }, 900_000);
});
