#!/usr/bin/env node
// The benchmark's peer: the chat server a team would build instead — express + socket.io, scaled
// horizontally with @socket.io/redis-adapter, state in Redis. One process of it:
//   node bench/peer/server.mjs --port 3100 --redis redis://127.0.0.1:6379 --prefix peer-abc: --jwt-secret s
// (or PEER_PORT, REDIS_URL, PEER_PREFIX, JWT_SECRET). Every Redis key and the adapter's channels start
// with the prefix, so runs sharing one Redis do not mix.
//
// Redis layout (P = prefix):
//   P user:<uid>:chats      SET of chat ids
//   P chat:<id>:members     SET of user ids
//   P chat:<id>:seq         INCR counter
//   P chat:<id>:messages    ZSET, score = seq, member = message JSON
//   P cmid:<chatId>:<cmid>  STRING {messageId} then {messageId, seq}, 24 h TTL (dedupe)
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import express from 'express';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { verifyJwt } from './jwt.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    redis: { type: 'string' },
    prefix: { type: 'string' },
    'jwt-secret': { type: 'string' },
  },
});
const port = Number(args.port ?? process.env.PEER_PORT ?? 3100);
const host = args.host ?? process.env.PEER_HOST; // undefined: every interface
const redisUrl = args.redis ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const P = args.prefix ?? process.env.PEER_PREFIX ?? 'peer:';
const jwtSecret = args['jwt-secret'] ?? process.env.JWT_SECRET;
if (!jwtSecret) {
  process.stderr.write('peer: --jwt-secret or JWT_SECRET is required\n');
  process.exit(2);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CMID_TTL_SECONDS = 24 * 3600;
const logError = (what) => (err) => process.stderr.write(`peer ${port}: ${what}: ${err?.stack ?? err}\n`);

// One client for commands, two for the adapter's pub/sub.
const redis = createClient({ url: redisUrl });
const pubClient = redis.duplicate();
const subClient = redis.duplicate();
redis.on('error', logError('redis'));
pubClient.on('error', logError('redis pub'));
subClient.on('error', logError('redis sub'));
await Promise.all([redis.connect(), pubClient.connect(), subClient.connect()]);

/** The access token's user, or throws. */
function authenticate(token) {
  const claims = verifyJwt(token, jwtSecret);
  if (claims.typ !== 'access' || typeof claims.sub !== 'string' || !claims.sub) {
    throw new Error('not an access token');
  }
  return { userId: claims.sub, username: claims.username };
}

const app = express();
const server = http.createServer(app);
const io = new Server(server, {
  serveClient: false,
  adapter: createAdapter(pubClient, subClient, { key: P }),
});

app.use(express.json());

app.get('/health', async (_req, res) => {
  try {
    await redis.ping();
    res.json({ status: 'ok' });
  } catch (err) {
    res.status(503).json({ status: 'down', error: String(err?.message ?? err) });
  }
});

app.use((req, res, next) => {
  const header = req.get('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7) : undefined;
  try {
    req.user = authenticate(token);
    next();
  } catch {
    res.status(401).json({ error: 'invalid or missing access token' });
  }
});

app.post('/chats', async (req, res) => {
  const memberIds = req.body?.memberIds;
  if (
    !Array.isArray(memberIds) ||
    memberIds.length < 1 ||
    memberIds.length > 999 ||
    !memberIds.every((m) => typeof m === 'string' && m.length > 0 && m.length <= 200)
  ) {
    return res.status(400).json({ error: 'memberIds must be an array of 1..999 non-empty strings' });
  }
  const chatId = randomUUID();
  const members = [...new Set([req.user.userId, ...memberIds])];
  const tx = redis.multi().sAdd(`${P}chat:${chatId}:members`, members);
  for (const m of members) tx.sAdd(`${P}user:${m}:chats`, chatId);
  await tx.exec();
  const userRooms = members.map((m) => `user:${m}`);
  // Sockets already connected join the chat's room, on every process (through the adapter). The
  // adapter applies that to this process's own sockets only when its request comes back from Redis,
  // while a later emit reaches local sockets at once: so join the local ones now as well.
  io.local.in(userRooms).socketsJoin(`chat:${chatId}`);
  io.in(userRooms).socketsJoin(`chat:${chatId}`);
  res.status(201).json({ chatId });
});

async function isMember(chatId, userId) {
  return Boolean(await redis.sIsMember(`${P}chat:${chatId}:members`, userId));
}

app.post('/chats/:id/messages', async (req, res) => {
  const chatId = req.params.id;
  const { clientMessageId, content } = req.body ?? {};
  if (typeof clientMessageId !== 'string' || !UUID.test(clientMessageId)) {
    return res.status(400).json({ error: 'clientMessageId must be a UUID' });
  }
  if (typeof content !== 'string' || content.length < 1 || content.length > 4000) {
    return res.status(400).json({ error: 'content must be a string of 1..4000 characters' });
  }
  const senderId = req.user.userId;
  if (!(await isMember(chatId, senderId))) {
    return res.status(403).json({ error: 'not a member of this chat' });
  }

  const cmidKey = `${P}cmid:${chatId}:${clientMessageId}`;
  const messageId = randomUUID();
  const claimed = await redis.set(cmidKey, JSON.stringify({ messageId }), {
    condition: 'NX',
    expiration: { type: 'EX', value: CMID_TTL_SECONDS },
  });
  if (claimed === null) {
    // A retry: answer what the first request stored (waiting briefly if it is still in flight).
    for (let i = 0; i < 50; i++) {
      const stored = JSON.parse((await redis.get(cmidKey)) ?? 'null');
      if (stored?.seq !== undefined) {
        return res.status(200).json({ messageId: stored.messageId, seq: stored.seq, duplicate: true });
      }
      await sleep(20);
    }
    return res.status(409).json({ error: 'clientMessageId is still being processed' });
  }

  try {
    const seq = await redis.incr(`${P}chat:${chatId}:seq`);
    const message = {
      id: messageId,
      chatId,
      seq,
      senderId,
      clientMessageId,
      type: 'text',
      content,
      createdAt: new Date().toISOString(),
    };
    await redis
      .multi()
      .zAdd(`${P}chat:${chatId}:messages`, { score: seq, value: JSON.stringify(message) })
      .set(cmidKey, JSON.stringify({ messageId, seq }), {
        expiration: { type: 'EX', value: CMID_TTL_SECONDS },
      })
      .exec();
    io.to(`chat:${chatId}`).emit('message.created', message);
    res.status(201).json({ messageId, seq });
  } catch (err) {
    await redis.del(cmidKey).catch(() => {}); // let the client's retry go through
    throw err;
  }
});

app.get('/chats/:id/messages', async (req, res) => {
  const chatId = req.params.id;
  const after = req.query.after === undefined ? 0 : Number(req.query.after);
  const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
  if (!Number.isInteger(after) || after < 0) {
    return res.status(400).json({ error: 'after must be a non-negative integer' });
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    return res.status(400).json({ error: 'limit must be an integer of 1..1000' });
  }
  if (!(await isMember(chatId, req.user.userId))) {
    return res.status(403).json({ error: 'not a member of this chat' });
  }
  const rows = await redis.zRangeByScore(`${P}chat:${chatId}:messages`, `(${after}`, '+inf', {
    LIMIT: { offset: 0, count: limit },
  });
  res.json({ messages: rows.map((r) => JSON.parse(r)) });
});

// eslint-disable-next-line no-unused-vars -- express knows an error handler by its four parameters
app.use((err, _req, res, _next) => {
  if (err?.type === 'entity.parse.failed') return res.status(400).json({ error: 'body must be valid JSON' });
  logError('request')(err);
  res.status(500).json({ error: 'internal error' });
});

io.use((socket, next) => {
  try {
    socket.data.user = authenticate(socket.handshake.auth?.token);
    next();
  } catch {
    next(new Error('unauthorized'));
  }
});

io.on('connection', async (socket) => {
  const { userId } = socket.data.user;
  try {
    socket.join(`user:${userId}`);
    const chatIds = await redis.sMembers(`${P}user:${userId}:chats`);
    if (chatIds.length > 0) socket.join(chatIds.map((id) => `chat:${id}`));
    socket.emit('ready', { userId });
  } catch (err) {
    logError('connection')(err);
    socket.disconnect(true);
  }
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const force = setTimeout(() => {
    process.stderr.write(`peer ${port}: ${signal}: did not stop within 10 s, exiting\n`);
    process.exit(1);
  }, 10_000);
  force.unref();
  try {
    await io.close(); // disconnects the sockets, closes the adapter and the http server
    await Promise.all([redis.close(), pubClient.close(), subClient.close()]);
    process.exit(0);
  } catch (err) {
    logError('stop')(err);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));

server.listen(port, host, () => process.stdout.write(`peer listening on ${port}\n`));
