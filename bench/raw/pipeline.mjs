#!/usr/bin/env node
/**
 * The raw pipeline: the same Kafka produce/consume and the same SQL per chat message as our
 * system, with no framework — the ceiling for this box.
 *
 *   node bench/raw/pipeline.mjs worker --brokers 127.0.0.1:9092 --database-url <url> --prefix <p>
 *       [--concurrency 4] [--pool-max 10] [--batched [--batch-max 256]]
 *       [--isolation serializable|read-committed] [--fetch-min-bytes 1 [--fetch-wait-ms 20]]
 *   node bench/raw/pipeline.mjs load --brokers 127.0.0.1:9092 --database-url <url> --prefix <p>
 *       --rate 1000 --seconds 10 [--chats 50] [--envelope-bytes 600] [--setup]
 *
 * worker: consumes `<p>commands` (eachMessage, 4 partitions at a time, as chat-service), runs one
 *   SERIALIZABLE transaction per command (retried on 40001/40P01 as libs/db does), then publishes
 *   its push records to `<p>push` (acks=all) and only then lets the offset be committed.
 *   Prints `raw worker ready` on stdout once it has joined its group and fetched.
 * worker --batched: consumes with eachBatch instead and runs ONE transaction per partition batch
 *   (up to --batch-max commands) of set-based statements (see processSendBatch), then publishes
 *   all of the batch's push records in one send and only then commits the batch's offsets.
 *   --isolation picks the transactions' isolation (both workers; SERIALIZABLE by default, as
 *   libs/db).
 * load: produces `message.send` commands open-loop at --rate for --seconds (as the gateway would,
 *   one idempotent acks=all producer), consumes `<p>push` and prints one JSON line with the
 *   latency from each command's intended send time to the arrival of its `message.created` push.
 *
 * Both roles first make sure the topics (12 partitions each, as chat.commands and push.events)
 * and the `bench_raw` tables exist; this is idempotent, so `--setup` is accepted but implied.
 * The load role also makes sure its --chats private chats (2 members each) exist; their ids are
 * derived from the prefix, so runs with the same prefix reuse them.
 */
import { createHash, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { DDL, SCHEMA } from './schema.mjs';
import { percentiles } from './stats.mjs';

const { Kafka, logLevel, Partitioners } = kafkajs;

const PARTITIONS = 12;
/** Carries the intended send time (`process.hrtime.bigint()`, ns) from command to push. */
const INTENDED_HEADER = 'x-bench-intended-ns';
/** As libs/contracts HEADERS; our producers put both on every record. */
const CORRELATION_HEADER = 'x-correlation-id';
const TYPE_HEADER = 'x-message-type';
/** The real command type (libs/contracts SendMessage) and push type (PushDeliver). */
const SEND_MESSAGE = { type: 'message.send', version: 1 };
const PUSH_DELIVER = { type: 'push.deliver', version: 1 };
/** Roughly the size of one of our `message.send` command records. */
const ENVELOPE_BYTES = 600;
/** libs/db defaults: DB_TX_MAX_ATTEMPTS, DB_POOL_MAX, DB_STATEMENT_TIMEOUT_MS; retry-policy.ts backoff. */
const MAX_TX_ATTEMPTS = 8;
const BACKOFF = { baseMs: 10, capMs: 1_000 };
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
/** As chat-service's messages.repository.ts (MESSAGE_COLUMNS of libs/contracts). */
const MESSAGE_COLUMNS =
  'id, chat_id, seq, sender_id, client_message_id, kind, content, created_at, edited_at, deleted_at';
/** As KafkaEnvelopeServer: a record's handler is retried, transient failures without limit. */
const MAX_RECORD_ATTEMPTS = 5;
const MAX_RECORD_BACKOFF_MS = 5_000;
/** As libs/kafka transient-error.ts. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '40001',
  '40P01',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);
const PUSH_WAIT_MS = 15_000;
/** See runLoad: how long after the last send a step with > 1 % missing is given. */
const GIVE_UP_MS = 3_000;
const GROUP_JOIN_TIMEOUT_MS = 30_000;

const log = (line) => process.stderr.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------- options

function readOptions(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      brokers: { type: 'string', default: '127.0.0.1:9092' },
      'database-url': { type: 'string' },
      prefix: { type: 'string', default: 'bench.raw.' },
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      chats: { type: 'string', default: '50' },
      concurrency: { type: 'string', default: '4' },
      'pool-max': { type: 'string', default: '10' },
      batched: { type: 'boolean', default: false },
      'batch-max': { type: 'string', default: '256' },
      isolation: { type: 'string', default: 'serializable' },
      'fetch-min-bytes': { type: 'string', default: '1' },
      'fetch-wait-ms': { type: 'string', default: '20' },
      'envelope-bytes': { type: 'string', default: String(ENVELOPE_BYTES) },
      setup: { type: 'boolean', default: false },
    },
  });
  const role = positionals[0];
  if (role !== 'worker' && role !== 'load') throw new Error('usage: pipeline.mjs worker|load --brokers ...');
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('--database-url (or DATABASE_URL) is required');
  const positive = (name) => {
    const n = Number(values[name]);
    if (!(n > 0)) throw new Error(`--${name} must be a positive number, got "${values[name]}"`);
    return n;
  };
  return {
    role,
    brokers: values.brokers.split(',').map((b) => b.trim()),
    databaseUrl,
    prefix: values.prefix,
    rate: positive('rate'),
    seconds: positive('seconds'),
    chats: Math.floor(positive('chats')),
    concurrency: Math.floor(positive('concurrency')),
    poolMax: Math.floor(positive('pool-max')),
    batched: values.batched,
    batchMax: Math.floor(positive('batch-max')),
    isolation: isolationLevel(values.isolation),
    fetchMinBytes: Math.floor(positive('fetch-min-bytes')),
    fetchWaitMs: Math.floor(positive('fetch-wait-ms')),
    envelopeBytes: Math.floor(positive('envelope-bytes')),
  };
}

/** `serializable` or `read-committed` → the words of `BEGIN ISOLATION LEVEL …`. */
function isolationLevel(name) {
  const levels = { serializable: 'SERIALIZABLE', 'read-committed': 'READ COMMITTED' };
  if (!levels[name]) throw new Error(`--isolation must be serializable or read-committed, got "${name}"`);
  return levels[name];
}

const topics = (prefix) => ({ commands: `${prefix}commands`, push: `${prefix}push` });

// ---------------------------------------------------------------- clients

/** kafkajs warns about bounded retries on an idempotent producer at every start; known and intended. */
const INTENDED_WARNING = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

/** As libs/kafka createKafkaClient: bounded retries, 3 s connection timeout, WARN and up (to stderr). */
function createKafka(opts, purpose) {
  return new Kafka({
    clientId: `raw-${purpose}`,
    brokers: opts.brokers,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, log: { message, ...extra } }) => {
        if (message !== INTENDED_WARNING) log(`kafkajs ${namespace}: ${message} ${JSON.stringify(extra)}`);
      },
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    connectionTimeout: 3_000,
  });
}

/** As libs/kafka EnvelopeProducer: idempotent, one request in flight, no topic auto-creation. */
function createProducer(kafka) {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** As libs/db Database; `search_path` makes our unqualified statements hit `bench_raw`. */
function createPool(opts, applicationName) {
  const pool = new pg.Pool({
    connectionString: opts.databaseUrl,
    max: opts.poolMax,
    statement_timeout: 10_000,
    application_name: applicationName,
    options: `-c search_path=${SCHEMA}`,
  });
  pool.on('error', (err) => log(`idle database connection failed: ${err.message}`));
  return pool;
}

/**
 * Resolves once the consumer has joined its group and completed a fetch: only then are the
 * starting offsets resolved (as KafkaEnvelopeServer.waitForGroupJoin). Call before `run`.
 */
function joinedAndFetched(consumer) {
  return new Promise((resolve, reject) => {
    let joined = false;
    const removers = [];
    const done = (fn) => {
      clearTimeout(timer);
      removers.forEach((remove) => remove());
      fn();
    };
    const timer = setTimeout(
      () => done(() => reject(new Error(`group not ready in ${GROUP_JOIN_TIMEOUT_MS} ms`))),
      GROUP_JOIN_TIMEOUT_MS,
    );
    removers.push(consumer.on(consumer.events.GROUP_JOIN, () => (joined = true)));
    removers.push(consumer.on(consumer.events.FETCH, () => joined && done(resolve)));
    removers.push(
      consumer.on(consumer.events.CRASH, (e) => done(() => reject(e.payload.error ?? new Error('crashed')))),
    );
  });
}

// ---------------------------------------------------------------- setup

/** Topics and tables, idempotently; an advisory lock keeps two roles' DDL from racing. */
async function ensureInfra(opts, pool) {
  const kafka = createKafka(opts, 'admin');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Object.values(topics(opts.prefix)).filter((t) => !existing.has(t));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          // As libs/kafka KafkaAdmin; push.events also keeps records 24 h.
          topics: missing.map((topic) => ({
            topic,
            numPartitions: PARTITIONS,
            replicationFactor: -1,
            configEntries: topic.endsWith('push')
              ? [{ name: 'retention.ms', value: String(24 * 3600 * 1000) }]
              : [],
          })),
        });
      } catch (err) {
        // Another process created them meanwhile.
        if (err.type !== 'TOPIC_ALREADY_EXISTS' && !/already exists/i.test(String(err.message))) throw err;
      }
    }
  } finally {
    await admin.disconnect();
  }
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('bench_raw.ddl'))`);
    try {
      for (const sql of DDL) await client.query(sql);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext('bench_raw.ddl'))`);
    }
  } finally {
    client.release();
  }
}

/** A UUID derived from `text`, so the same prefix always names the same chats and users. */
function derivedUuid(text) {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The private chats of this prefix, two members each, as create-private-chat stores them. */
function chatsFor(prefix, count) {
  return Array.from({ length: count }, (_, i) => ({
    id: derivedUuid(`${prefix}:chat:${i}`),
    members: [derivedUuid(`${prefix}:chat:${i}:user:0`), derivedUuid(`${prefix}:chat:${i}:user:1`)],
  }));
}

async function ensureChats(pool, chats) {
  await pool.query(
    `INSERT INTO chats (id, type, name, created_by)
       SELECT c, 'private', NULL, u FROM unnest($1::UUID[], $2::UUID[]) AS t(c, u)
     ON CONFLICT (id) DO NOTHING`,
    [chats.map((c) => c.id), chats.map((c) => c.members[0])],
  );
  await pool.query(
    `INSERT INTO chat_members (chat_id, user_id, role)
       SELECT c, u, 'member' FROM unnest($1::UUID[], $2::UUID[]) AS t(c, u)
     ON CONFLICT (chat_id, user_id) DO NOTHING`,
    [chats.flatMap((c) => [c.id, c.id]), chats.flatMap((c) => c.members)],
  );
}

// ---------------------------------------------------------------- worker: the transaction

const stats = { committed: 0, retries: 0, failed: 0, duplicates: 0, commands: 0, txMs: 0, pushMs: 0 };

/**
 * As libs/db Database.withTransaction: BEGIN ISOLATION LEVEL SERIALIZABLE (or `isolation`), the
 * body, COMMIT; on 40001/40P01 roll back, wait a capped "equal jitter" backoff and rerun, up to
 * 8 attempts.
 */
async function withTransaction(pool, fn, isolation = 'SERIALIZABLE') {
  const client = await pool.connect();
  let broken;
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
        const result = await fn(client);
        await client.query('COMMIT');
        stats.committed++;
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackErr) {
          broken = rollbackErr;
        }
        if (broken || !RETRYABLE_SQLSTATES.has(err.code) || attempt >= MAX_TX_ATTEMPTS) {
          stats.failed++;
          throw err;
        }
        stats.retries++;
        const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** (attempt - 1));
        await sleep(Math.round(ceiling / 2 + Math.random() * (ceiling / 2)));
      }
    }
  } finally {
    client.release(broken);
  }
}

function toChatMessageData(row) {
  return {
    id: row.id,
    chatId: row.chat_id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    clientMessageId: row.client_message_id,
    type: row.kind,
    content: row.content,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
  };
}

/**
 * As libs/event-log EventLogWriter.append: each recipient's next seq (one upsert) and the
 * event rows. Our writer then INSERTs the push envelope into `outbox` and a relay publishes it
 * after the commit; here the envelope is returned and published right after COMMIT instead —
 * the outbox write, its relay's read/publish/delete and that extra hop are what our framework
 * adds, not part of this ceiling.
 */
async function appendEvent(tx, entry, pushKey, cause) {
  const users = [...new Set(entry.recipients)];
  if (users.length === 0) return undefined;
  const { rows } = await tx.query(
    `INSERT INTO user_event_heads (user_id, last_seq)
       SELECT u, 1 FROM unnest($1::UUID[]) AS t(u)
     ON CONFLICT (user_id) DO UPDATE SET last_seq = user_event_heads.last_seq + 1, updated_at = now()
     RETURNING user_id, last_seq`,
    [users],
  );
  const recipients = rows.map((row) => ({ userId: row.user_id, seq: Number(row.last_seq) }));
  await tx.query(
    `INSERT INTO user_events (user_id, seq, type, data)
       SELECT u, s, $3, $4::JSONB FROM unnest($1::UUID[], $2::INT8[]) AS t(u, s)`,
    [recipients.map((r) => r.userId), recipients.map((r) => r.seq), entry.type, JSON.stringify(entry.data)],
  );
  const payload = { type: entry.type, data: entry.data, recipients, ts: new Date().toISOString() };
  const envelope = {
    id: randomUUID(),
    type: PUSH_DELIVER.type,
    version: PUSH_DELIVER.version,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    occurredAt: new Date().toISOString(),
    payload,
  };
  return { key: pushKey, envelope };
}

/**
 * One `message.send` command, statement for statement as CommandProcessor.run +
 * SendMessageHandler.execute. Resolves the push records to publish after COMMIT (none when
 * the command was processed before).
 */
async function processSendMessage(tx, command) {
  const p = command.payload;
  const actorId = p.actorId.toLowerCase();
  const chatId = p.chatId.toLowerCase();
  const clientMessageId = p.clientMessageId.toLowerCase();
  const cause = { correlationId: command.correlationId, causationId: command.id };
  const pushes = [];
  const emit = async (type, data, recipients) => {
    const push = await appendEvent(tx, { type, data, recipients }, chatId, cause);
    if (push) pushes.push(push);
  };

  // ProcessedCommandsRepository.claim
  const claimed = await tx.query(
    `INSERT INTO processed_commands (command_id) VALUES ($1)
     ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
    [command.id],
  );
  if (claimed.rows.length !== 1) {
    stats.duplicates++;
    return pushes;
  }
  // MembersRepository.membership
  const membership = await tx.query(
    `SELECT c.type, c.last_seq, m.role, m.last_read_seq
       FROM chat_members m JOIN chats c ON c.id = m.chat_id
      WHERE m.chat_id = $1 AND m.user_id = $2`,
    [chatId, actorId],
  );
  const actor = membership.rows[0];
  // Our handler throws a DomainError here and stores `command.failed` in a second
  // transaction; the benchmark never sends such commands, so this is only a guard.
  if (!actor) throw new Error(`${actorId} is not a member of ${chatId}`);
  // MessagesRepository.findByClientId
  const original = await tx.query(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE chat_id = $1 AND sender_id = $2 AND client_message_id = $3`,
    [chatId, actorId, clientMessageId],
  );
  let result;
  if (original.rows[0]) {
    result = { messageId: original.rows[0].id, seq: Number(original.rows[0].seq) };
  } else {
    // MembersRepository.memberIds
    const members = await tx.query(
      `SELECT user_id FROM chat_members WHERE chat_id = $1 ORDER BY joined_at, user_id`,
      [chatId],
    );
    const memberIds = members.rows.map((row) => row.user_id);
    if (actor.type === 'private') {
      // BlocksRepository.blockersOf
      const peers = memberIds.filter((id) => id !== actorId);
      if (peers.length > 0) {
        const blockers = await tx.query(
          `SELECT blocker_id FROM blocks WHERE blocked_id = $1 AND blocker_id = ANY($2::UUID[])`,
          [actorId, peers],
        );
        if (blockers.rows.length > 0) throw new Error(`${actorId} is blocked in ${chatId}`);
      }
    }
    // ChatsRepository.nextSeq
    const bumped = await tx.query(
      `UPDATE chats SET last_seq = last_seq + 1, last_message_at = now() WHERE id = $1 RETURNING last_seq`,
      [chatId],
    );
    if (!bumped.rows[0]) throw new Error(`chat ${chatId} vanished during a send`);
    const seq = Number(bumped.rows[0].last_seq);
    // MessagesRepository.insert
    const inserted = await tx.query(
      `INSERT INTO messages (chat_id, seq, sender_id, client_message_id, kind, content)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${MESSAGE_COLUMNS}`,
      [chatId, seq, actorId, clientMessageId, p.kind, p.content],
    );
    const message = toChatMessageData(inserted.rows[0]);
    // MembersRepository.advanceRead
    await tx.query(
      `UPDATE chat_members SET last_read_seq = $3
        WHERE chat_id = $1 AND user_id = $2 AND last_read_seq < $3 RETURNING 1`,
      [chatId, actorId, seq],
    );
    await emit('message.created', message, memberIds);
    result = { messageId: message.id, seq };
  }
  // CommandProcessor.run: the actor's outcome
  await emit('command.succeeded', { commandId: command.id, result }, [actorId]);
  return pushes;
}

// ---------------------------------------------------------------- batched worker: one transaction per batch

/** Per-statement time (ms, summed) of the batched transaction, logged with the stats. */
const statementMs = {};
/** `tx` whose queries add their time to statementMs under their first words. */
function timed(tx) {
  return {
    query: async (sql, params) => {
      const began = performance.now();
      try {
        return await tx.query(sql, params);
      } finally {
        const name = sql.trim().split(/\s+/).slice(0, 3).join(' ');
        statementMs[name] = (statementMs[name] ?? 0) + performance.now() - began;
      }
    },
  };
}

/** `{ key, envelope }` of one push.deliver record, as appendEvent builds it. */
function pushRecord(chatId, command, type, data, recipients) {
  return {
    key: chatId,
    envelope: {
      id: randomUUID(),
      type: PUSH_DELIVER.type,
      version: PUSH_DELIVER.version,
      correlationId: command.correlationId,
      causationId: command.id,
      occurredAt: new Date().toISOString(),
      payload: { type, data, recipients, ts: new Date().toISOString() },
    },
  };
}

/**
 * The `message.send` commands of one partition batch (in offset order) in ONE transaction of
 * set-based statements; per command the same reads, writes and rules as processSendMessage:
 *   1. claim every command id (`INSERT … SELECT … unnest … ON CONFLICT DO NOTHING RETURNING`);
 *   2. type and member list of every chat of the batch (one query);
 *   3. blocks between each private chat's sender and its peers (one query);
 *   4. messages already stored under a (chat, sender, clientMessageId) of the batch (one query);
 *   5. each chat's seq range: `last_seq` advanced once by its count (`UPDATE chats … FROM … RETURNING`);
 *   6. the messages (one multi-row `INSERT … RETURNING`);
 *   7. each sender's `last_read_seq` (one `UPDATE chat_members … FROM`);
 *   8. each recipient's event head advanced once by its count (`INSERT … ON CONFLICT DO UPDATE … RETURNING`);
 *   9. the events (one multi-row `INSERT`).
 * A command that breaks a rule (sender not a member, blocked) gets `command.failed` in the same
 * transaction and the others are unaffected. Rows are locked in key order (sorted ids), so two
 * batches never wait on each other in a cycle. Resolves the push records of the batch in
 * command order: `message.created` to the members and `command.succeeded` (or `failed`) to the
 * sender, each with its recipients' seqs.
 */
async function processSendBatch(rawTx, records) {
  const tx = timed(rawTx);
  // 1. claim
  const seen = new Set();
  const unique = [];
  for (const r of records) {
    const id = r.command.id.toLowerCase();
    if (seen.has(id)) stats.duplicates++;
    else {
      seen.add(id);
      unique.push(r);
    }
  }
  const claimedRows = await tx.query(
    `INSERT INTO processed_commands (command_id)
       SELECT id FROM unnest($1::UUID[]) AS t(id) ORDER BY id
     ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
    [[...seen].sort()],
  );
  const claimed = new Set(claimedRows.rows.map((row) => row.command_id));
  const todo = [];
  for (const r of unique) {
    if (!claimed.has(r.command.id.toLowerCase())) {
      stats.duplicates++;
      continue;
    }
    const p = r.command.payload;
    todo.push({
      ...r,
      actorId: p.actorId.toLowerCase(),
      chatId: p.chatId.toLowerCase(),
      clientMessageId: p.clientMessageId.toLowerCase(),
      kind: p.kind,
      content: p.content,
    });
  }
  if (todo.length === 0) return [];

  // 2. chats and members (MembersRepository.membership + memberIds, for every chat at once)
  const chatIds = [...new Set(todo.map((c) => c.chatId))].sort();
  const memberRows = await tx.query(
    `SELECT m.chat_id, m.user_id, c.type
       FROM chat_members m JOIN chats c ON c.id = m.chat_id
      WHERE m.chat_id = ANY($1::UUID[])
      ORDER BY m.chat_id, m.joined_at, m.user_id`,
    [chatIds],
  );
  const chats = new Map();
  for (const row of memberRows.rows) {
    const chat = chats.get(row.chat_id) ?? { type: row.type, memberIds: [] };
    chat.memberIds.push(row.user_id);
    chats.set(row.chat_id, chat);
  }
  for (const c of todo) {
    const chat = chats.get(c.chatId);
    if (!chat || !chat.memberIds.includes(c.actorId)) c.failure = 'NOT_A_MEMBER';
  }

  // 3. blocks (BlocksRepository.blockersOf): has a peer of a private chat blocked its sender?
  const pairs = new Map();
  for (const c of todo) {
    const chat = chats.get(c.chatId);
    if (c.failure || chat.type !== 'private') continue;
    for (const peer of chat.memberIds)
      if (peer !== c.actorId) pairs.set(`${peer}|${c.actorId}`, [peer, c.actorId]);
  }
  if (pairs.size > 0) {
    const list = [...pairs.values()];
    const blockRows = await tx.query(
      `SELECT b.blocker_id, b.blocked_id
         FROM blocks b JOIN unnest($1::UUID[], $2::UUID[]) AS t(blocker_id, blocked_id)
           ON b.blocker_id = t.blocker_id AND b.blocked_id = t.blocked_id`,
      [list.map((p) => p[0]), list.map((p) => p[1])],
    );
    const blockedIn = new Set(blockRows.rows.map((row) => row.blocked_id));
    for (const c of todo) {
      if (c.failure || !blockedIn.has(c.actorId)) continue;
      const peers = chats.get(c.chatId).memberIds.filter((id) => id !== c.actorId);
      if (blockRows.rows.some((row) => row.blocked_id === c.actorId && peers.includes(row.blocker_id)))
        c.failure = 'BLOCKED';
    }
  }

  // 4. retried sends (MessagesRepository.findByClientId, for the whole batch)
  const live = todo.filter((c) => !c.failure);
  const keyOf = (c) => `${c.chatId}|${c.actorId}|${c.clientMessageId}`;
  const stored = new Map();
  if (live.length > 0) {
    const dupRows = await tx.query(
      `SELECT m.id, m.chat_id, m.sender_id, m.client_message_id, m.seq
         FROM messages m JOIN unnest($1::UUID[], $2::UUID[], $3::UUID[]) AS t(chat_id, sender_id, client_message_id)
           ON m.chat_id = t.chat_id AND m.sender_id = t.sender_id AND m.client_message_id = t.client_message_id`,
      [live.map((c) => c.chatId), live.map((c) => c.actorId), live.map((c) => c.clientMessageId)],
    );
    for (const row of dupRows.rows)
      stored.set(`${row.chat_id}|${row.sender_id}|${row.client_message_id}`, {
        messageId: row.id,
        seq: Number(row.seq),
      });
  }
  const firstOfKey = new Map();
  const sends = [];
  for (const c of live) {
    const key = keyOf(c);
    if (stored.has(key)) c.result = stored.get(key);
    else if (firstOfKey.has(key))
      c.sameAs = firstOfKey.get(key); // a retry inside this batch
    else {
      firstOfKey.set(key, c);
      sends.push(c);
    }
  }

  // 5. seq ranges (ChatsRepository.nextSeq, once per chat with its count)
  if (sends.length > 0) {
    const perChat = new Map();
    for (const c of sends) perChat.set(c.chatId, (perChat.get(c.chatId) ?? 0) + 1);
    const ids = [...perChat.keys()].sort();
    const bumped = await tx.query(
      `UPDATE chats c SET last_seq = c.last_seq + t.n, last_message_at = now()
         FROM unnest($1::UUID[], $2::INT8[]) AS t(id, n)
        WHERE c.id = t.id
      RETURNING c.id, c.last_seq`,
      [ids, ids.map((id) => perChat.get(id))],
    );
    const next = new Map(bumped.rows.map((row) => [row.id, Number(row.last_seq) - perChat.get(row.id) + 1]));
    for (const c of sends) {
      const seq = next.get(c.chatId);
      if (seq === undefined) throw new Error(`chat ${c.chatId} vanished during a send`);
      c.seq = seq;
      next.set(c.chatId, seq + 1);
    }

    // 6. messages (MessagesRepository.insert, multi-row)
    const inserted = await tx.query(
      `INSERT INTO messages (chat_id, seq, sender_id, client_message_id, kind, content)
         SELECT * FROM unnest($1::UUID[], $2::INT8[], $3::UUID[], $4::UUID[], $5::TEXT[], $6::TEXT[])
       RETURNING ${MESSAGE_COLUMNS}`,
      [
        sends.map((c) => c.chatId),
        sends.map((c) => c.seq),
        sends.map((c) => c.actorId),
        sends.map((c) => c.clientMessageId),
        sends.map((c) => c.kind),
        sends.map((c) => c.content),
      ],
    );
    const bySeq = new Map(inserted.rows.map((row) => [`${row.chat_id}|${row.seq}`, row]));
    for (const c of sends) {
      c.message = toChatMessageData(bySeq.get(`${c.chatId}|${c.seq}`));
      c.result = { messageId: c.message.id, seq: c.seq };
    }

    // 7. the senders' read marks (MembersRepository.advanceRead), the highest seq per sender and chat
    const reads = new Map();
    for (const c of sends) {
      const key = `${c.chatId}|${c.actorId}`;
      reads.set(key, Math.max(reads.get(key) ?? 0, c.seq));
    }
    const readKeys = [...reads.keys()].sort();
    await tx.query(
      `UPDATE chat_members m SET last_read_seq = t.seq
         FROM unnest($1::UUID[], $2::UUID[], $3::INT8[]) AS t(chat_id, user_id, seq)
        WHERE m.chat_id = t.chat_id AND m.user_id = t.user_id AND m.last_read_seq < t.seq`,
      [
        readKeys.map((k) => k.split('|')[0]),
        readKeys.map((k) => k.split('|')[1]),
        readKeys.map((k) => reads.get(k)),
      ],
    );
  }
  for (const c of live) if (c.sameAs) c.result = c.sameAs.result;

  // The events, in command order: the message to its chat's members, then the outcome to the sender.
  const events = [];
  for (const c of todo) {
    if (c.message)
      events.push({ c, type: 'message.created', data: c.message, users: chats.get(c.chatId).memberIds });
    events.push(
      c.failure
        ? {
            c,
            type: 'command.failed',
            data: { commandId: c.command.id, code: c.failure, message: `${c.failure} in ${c.chatId}` },
            users: [c.actorId],
          }
        : {
            c,
            type: 'command.succeeded',
            data: { commandId: c.command.id, result: c.result },
            users: [c.actorId],
          },
    );
  }

  // 8. event heads (EventLogWriter.append's upsert, once per user with its count)
  const perUser = new Map();
  for (const e of events) for (const u of new Set(e.users)) perUser.set(u, (perUser.get(u) ?? 0) + 1);
  const users = [...perUser.keys()].sort();
  const heads = await tx.query(
    `INSERT INTO user_event_heads (user_id, last_seq)
       SELECT u, n FROM unnest($1::UUID[], $2::INT8[]) AS t(u, n)
     ON CONFLICT (user_id) DO UPDATE SET last_seq = user_event_heads.last_seq + EXCLUDED.last_seq, updated_at = now()
     RETURNING user_id, last_seq`,
    [users, users.map((u) => perUser.get(u))],
  );
  const nextSeq = new Map(
    heads.rows.map((row) => [row.user_id, Number(row.last_seq) - perUser.get(row.user_id) + 1]),
  );
  const rowUser = [];
  const rowSeq = [];
  const rowEvent = [];
  for (const [i, e] of events.entries()) {
    e.recipients = [...new Set(e.users)].map((userId) => {
      const seq = nextSeq.get(userId);
      nextSeq.set(userId, seq + 1);
      rowUser.push(userId);
      rowSeq.push(seq);
      rowEvent.push(i + 1);
      return { userId, seq };
    });
  }

  // 9. the events (one row per recipient; each event's data sent once)
  await tx.query(
    `INSERT INTO user_events (user_id, seq, type, data)
       SELECT t.u, t.s, e.type, e.data
         FROM unnest($1::UUID[], $2::INT8[], $3::INT4[]) AS t(u, s, i)
         JOIN unnest($4::TEXT[], $5::JSONB[]) WITH ORDINALITY AS e(type, data, i) ON e.i = t.i`,
    [rowUser, rowSeq, rowEvent, events.map((e) => e.type), events.map((e) => JSON.stringify(e.data))],
  );
  return events.map((e) => ({
    ...pushRecord(e.c.chatId, e.c.command, e.type, e.data, e.recipients),
    intended: e.c.intended,
  }));
}

// ---------------------------------------------------------------- worker: the process

function isTransient(err) {
  const code = err?.code;
  if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return true;
  if (String(err?.name).startsWith('KafkaJS')) return err.retriable !== false;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(
    String(err?.message),
  );
}

/**
 * As KafkaEnvelopeServer.handleRecord: reruns `fn` after a backoff, a transient failure (a
 * serialization conflict that outlived the transaction's own 8 attempts, a database or broker
 * away) without limit, any other up to 5 attempts; throws when stopping.
 */
async function untilDone(what, fn, isStopping) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const transient = isTransient(err);
      if (isStopping() || (!transient && attempt >= MAX_RECORD_ATTEMPTS)) throw err;
      log(`raw worker: ${what} failed (attempt ${attempt}): ${err.code ?? ''} ${err.message}; retrying`);
      await sleep(Math.min(MAX_RECORD_BACKOFF_MS, 100 * 2 ** Math.min(attempt, 6)));
    }
  }
}

async function runWorker(opts) {
  const { commands, push } = topics(opts.prefix);
  const pool = createPool(opts, 'raw-worker');
  await ensureInfra(opts, pool);
  const kafka = createKafka(opts, 'worker');
  const producer = createProducer(kafka);
  // As KafkaEnvelopeServer's consumer (session 10 s, heartbeat 1 s, fetch wait 1 s). The
  // batched worker may ask the broker to hold a fetch until --fetch-min-bytes are there (at
  // most --fetch-wait-ms): fewer, fuller batches at the price of that wait.
  const consumer = kafka.consumer({
    groupId: `${opts.prefix}raw-worker`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: opts.batched && opts.fetchMinBytes > 1 ? opts.fetchWaitMs : 1_000,
    minBytes: opts.batched ? opts.fetchMinBytes : 1,
  });
  let failedCommands = 0;

  let stopping;
  const stop = (signal) => {
    stopping ??= (async () => {
      log(`raw worker: ${signal}, stopping`);
      // Waits for the records in flight, commits their offsets, leaves the group.
      await consumer.disconnect();
      await producer.disconnect();
      await pool.end();
      const perTx = (n) => Number((n / Math.max(1, stats.committed)).toFixed(2));
      const statements = Object.fromEntries(Object.entries(statementMs).map(([k, v]) => [k, perTx(v)]));
      log(
        `raw worker stopped ${JSON.stringify({ ...stats, failedCommands, commandsPerTx: perTx(stats.commands), statementMsPerTx: statements })}`,
      );
      process.exit(0);
    })().catch((err) => {
      log(`raw worker: stop failed: ${err.stack ?? err}`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: commands, fromBeginning: true });
  const ready = joinedAndFetched(consumer);
  const isStopping = () => stopping !== undefined;
  /** Push records with their headers; the intended send time travels from command to push. */
  const toMessages = (pushes) =>
    pushes.map(({ key, envelope, intended }) => ({
      key,
      value: JSON.stringify(envelope),
      headers: {
        [CORRELATION_HEADER]: envelope.correlationId,
        [TYPE_HEADER]: envelope.type,
        ...(intended ? { [INTENDED_HEADER]: intended } : {}),
      },
    }));
  /** One transaction for `records`, then one send of all their pushes; resolves when both are done. */
  const runBatch = async (records) => {
    const began = performance.now();
    const pushes = await untilDone(
      `batch of ${records.length}`,
      () => withTransaction(pool, (tx) => processSendBatch(tx, records), opts.isolation),
      isStopping,
    );
    const committed = performance.now();
    stats.txMs += committed - began;
    stats.commands += records.length;
    if (pushes.length === 0) return;
    await untilDone(
      `push of a batch of ${records.length}`,
      () => producer.send({ topic: push, acks: -1, messages: toMessages(pushes) }),
      isStopping,
    );
    stats.pushMs += performance.now() - committed;
  };
  /**
   * eachBatch: the partition's records in chunks of up to --batch-max, each chunk one
   * transaction and one produce, then its offsets are committed. A chunk that keeps failing
   * (not transiently) is split into single commands so one bad record does not sink the rest.
   */
  const eachBatch = async ({
    batch,
    resolveOffset,
    heartbeat,
    commitOffsetsIfNecessary,
    isRunning,
    isStale,
  }) => {
    for (let i = 0; i < batch.messages.length; i += opts.batchMax) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(i, i + opts.batchMax);
      const records = [];
      for (const message of chunk) {
        try {
          records.push({
            command: JSON.parse(message.value.toString()),
            intended: message.headers?.[INTENDED_HEADER],
          });
        } catch (err) {
          failedCommands++;
          log(`raw worker: record ${message.offset} is not a command: ${err.message}`);
        }
      }
      try {
        if (records.length > 0) await runBatch(records);
      } catch (err) {
        if (isStopping()) throw err;
        log(
          `raw worker: a batch of ${records.length} failed (${err.code ?? ''} ${err.message}); one at a time`,
        );
        for (const record of records) {
          try {
            await runBatch([record]);
          } catch (single) {
            if (isStopping()) throw single;
            failedCommands++;
            log(`raw worker: command ${record.command.id} failed: ${single.code ?? ''} ${single.message}`);
          }
        }
      }
      resolveOffset(chunk.at(-1).offset);
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
  };
  await consumer.run({
    partitionsConsumedConcurrently: opts.concurrency,
    ...(opts.batched ? { eachBatchAutoResolve: false, eachBatch } : {}),
    eachMessage: opts.batched
      ? undefined
      : async ({ message }) => {
          let command;
          try {
            command = JSON.parse(message.value.toString());
            const began = performance.now();
            const pushes = await untilDone(
              `command ${command.id}`,
              () => withTransaction(pool, (tx) => processSendMessage(tx, command), opts.isolation),
              isStopping,
            );
            const committed = performance.now();
            stats.txMs += committed - began;
            stats.commands++;
            if (pushes.length === 0) return;
            // Published straight after COMMIT and before the offset may be committed, one acks=all
            // send of this command's records; not batched with other partitions' transactions
            // (our relay batches what it finds per poll). Retried on its own: rerunning the
            // transaction would find the command claimed and publish nothing.
            const intended = message.headers?.[INTENDED_HEADER];
            const records = pushes.map(({ key, envelope }) => ({
              key,
              value: JSON.stringify(envelope),
              headers: {
                [CORRELATION_HEADER]: envelope.correlationId,
                [TYPE_HEADER]: envelope.type,
                ...(intended ? { [INTENDED_HEADER]: intended } : {}),
              },
            }));
            await untilDone(
              `push of ${command.id}`,
              () => producer.send({ topic: push, acks: -1, messages: records }),
              isStopping,
            );
            stats.pushMs += performance.now() - committed;
          } catch (err) {
            // Stopping: leave the offset uncommitted, the next worker redoes the record.
            if (stopping !== undefined) throw err;
            // Our server dead-letters a record that keeps failing (not transiently); the raw
            // pipeline counts it and moves on, so it shows as received < sent.
            failedCommands++;
            log(
              `raw worker: command ${command?.id ?? message.offset} failed: ${err.code ?? ''} ${err.message}`,
            );
          }
        },
  });
  await ready;
  process.stdout.write(
    `raw worker ready (${opts.batched ? `batched, up to ${opts.batchMax} per transaction` : 'one command per transaction'}, ${opts.isolation})\n`,
  );
  setInterval(() => {
    const perTx = (ms) => Number((ms / Math.max(1, stats.committed)).toFixed(2));
    const { txMs, pushMs, ...counts } = stats;
    log(
      `raw worker ${JSON.stringify({ ...counts, failedCommands, commandsPerTx: perTx(stats.commands), txMsAvg: perTx(txMs), pushMsAvg: perTx(pushMs) })}` +
        (opts.batched
          ? ` statement ms per tx ${JSON.stringify(Object.fromEntries(Object.entries(statementMs).map(([k, v]) => [k, perTx(v)])))}`
          : ''),
    );
  }, 5_000).unref();
}

// ---------------------------------------------------------------- load

/** The content that makes a command record about `bytes` long (at least 16 characters). */
function contentFor(sample, bytes) {
  const bare = Buffer.byteLength(JSON.stringify(sample));
  const length = Math.max(16, bytes - bare);
  return 'The quick brown fox jumps over the lazy dog. '.repeat(Math.ceil(length / 45)).slice(0, length);
}

function commandEnvelope(chat, actorId, content) {
  const id = randomUUID();
  return {
    id,
    type: SEND_MESSAGE.type,
    version: SEND_MESSAGE.version,
    correlationId: randomUUID(),
    causationId: null,
    occurredAt: new Date().toISOString(),
    payload: { actorId, chatId: chat.id, clientMessageId: randomUUID(), content, kind: 'text' },
  };
}

async function runLoad(opts) {
  const { commands, push } = topics(opts.prefix);
  const pool = createPool(opts, 'raw-load');
  await ensureInfra(opts, pool);
  const chats = chatsFor(opts.prefix, opts.chats);
  await ensureChats(pool, chats);
  await pool.end();

  const kafka = createKafka(opts, 'load');
  const producer = createProducer(kafka);
  const groupId = `${opts.prefix}raw-load-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });

  /** Command id → intended send time (ns), for commands sent and not yet answered. */
  const pending = new Map();
  const latencies = [];
  let received = 0;
  let sent = 0;
  let errors = 0;

  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: push, fromBeginning: false });
  const ready = joinedAndFetched(consumer);
  // eachBatch, not eachMessage: at thousands of pushes a second kafkajs's per-message
  // bookkeeping made this measuring process, not the pipeline, the slow part. The arrival time
  // is taken when the fetched batch is handed over.
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const arrived = process.hrtime.bigint();
      for (const message of batch.messages) {
        const envelope = JSON.parse(message.value.toString());
        // One `message.created` per command; its `command.succeeded` sibling travels in the same send.
        if (envelope.payload?.type !== 'message.created') continue;
        const intended = pending.get(envelope.causationId);
        if (intended === undefined) continue; // another run's, or a duplicate
        pending.delete(envelope.causationId);
        received++;
        latencies.push(Number(arrived - intended) / 1e6);
      }
    },
  });
  await ready;

  const content = contentFor(commandEnvelope(chats[0], chats[0].members[0], ''), opts.envelopeBytes);
  const total = Math.round(opts.rate * opts.seconds);
  const intervalNs = 1e9 / opts.rate;
  const start = process.hrtime.bigint();
  let next = 0;
  let lastAck = start;

  const progress = setInterval(() => {
    const t = Number(process.hrtime.bigint() - start) / 1e9;
    log(`raw load t=${t.toFixed(0)}s sent=${sent} received=${received} errors=${errors}`);
  }, 1_000);

  // Records due while a send is in flight go together in the next one, as the gateway's
  // SendCoalescer does: the idempotent producer has one request in flight, and a send per
  // tick queued thousands of sends on its lock at high rates.
  const queued = [];
  let sending;
  const flush = () => {
    if (sending || queued.length === 0) return;
    const batch = queued.splice(0);
    sending = producer
      .send({ topic: commands, acks: -1, messages: batch })
      .then(
        () => {
          lastAck = process.hrtime.bigint();
        },
        (err) => {
          errors += batch.length;
          for (const m of batch) pending.delete(JSON.parse(m.value).id);
          log(`raw load: send of ${batch.length} failed: ${err.message}`);
        },
      )
      .finally(() => {
        sending = undefined;
        flush();
      });
  };

  // Open loop: each tick queues every message whose intended time has come, without waiting
  // for earlier sends; latency counts from the intended time, so a late tick (or a slow
  // broker) shows up in the numbers instead of slowing the schedule.
  await new Promise((resolve) => {
    const tick = () => {
      const elapsed = Number(process.hrtime.bigint() - start);
      const due = Math.min(total, Math.floor(elapsed / intervalNs) + 1);
      if (due > next) {
        const batch = [];
        for (; next < due; next++) {
          const chat = chats[next % chats.length];
          const actorId = chat.members[0]; // as our bench's pairs: one sender, one recipient per chat
          const intended = start + BigInt(Math.round(next * intervalNs));
          const envelope = commandEnvelope(chat, actorId, content);
          pending.set(envelope.id, intended);
          sent++;
          batch.push({
            key: chat.id,
            value: JSON.stringify(envelope),
            headers: {
              [CORRELATION_HEADER]: envelope.correlationId,
              [TYPE_HEADER]: envelope.type,
              [INTENDED_HEADER]: intended.toString(),
            },
          });
        }
        queued.push(...batch);
        flush();
      }
      if (next < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  while (sending || queued.length > 0) await (sending ?? sleep(1));

  // Wait for the stragglers, but not for a step that has clearly failed: once more than 1 %
  // of the messages are still missing GIVE_UP_MS after the last one was due, p99 is above
  // GIVE_UP_MS whatever arrives later.
  const lastDue = Date.now();
  const deadline = lastDue + PUSH_WAIT_MS;
  let cutShort = false;
  while (received < sent - errors && Date.now() < deadline) {
    if (Date.now() - lastDue > GIVE_UP_MS && sent - errors - received > 0.01 * (sent - errors)) {
      cutShort = true;
      break;
    }
    await sleep(20);
  }
  clearInterval(progress);

  const sendSeconds = Number(lastAck - start) / 1e9;
  const { p50, p95, p99, max } = percentiles(latencies);
  const round = (n, digits = 2) => (n === null ? null : Number(n.toFixed(digits)));
  const summary = {
    rate: opts.rate,
    seconds: opts.seconds,
    sent,
    received,
    errors,
    // Accepted commands per second until the broker had acknowledged the last of them.
    achievedRate: round(sendSeconds > 0 ? (sent - errors) / sendSeconds : 0, 1),
    latencyMs: { p50: round(p50), p95: round(p95), p99: round(p99), max: round(max) },
    // Latencies are of the messages delivered; with cutShort the rest were still missing.
    cutShort,
  };

  await consumer.disconnect();
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteGroups([groupId]).catch(() => undefined); // the fresh group is of no further use
  await admin.disconnect();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

// ---------------------------------------------------------------- main

const opts = readOptions(process.argv.slice(2));
const main = opts.role === 'worker' ? runWorker(opts) : runLoad(opts).then(() => process.exit(0));
main.catch((err) => {
  log(`raw ${opts.role}: ${err.stack ?? err}`);
  process.exit(1);
});
