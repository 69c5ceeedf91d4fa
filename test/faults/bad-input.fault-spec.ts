import { createEnvelope, SendMessage, TOPICS, topicName } from '@chat/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { DLQ_REASON, header, TestKafka } from '../support/test-kafka';
import { TestSocket } from '../support/test-socket';
import { waitFor } from '../support/wait-for';
import { printReport } from './support/fault-report';
import { pool, storedMessages } from './support/fault-clients';

const UUID = '00000000-0000-4000-8000-000000000000';
const OPTIONAL_FIELDS = new Set(['displayName', 'tags']);
/** Wrong for every body field of the API (none takes a negative, fractional, boolean, empty or object value). */
const WRONG_TYPES: unknown[] = [null, -1, 1.5, true, '', {}];
const RAW_BODIES = [
  '{',
  '{"a":',
  'not json',
  '[]',
  '[1,2]',
  '"text"',
  '42',
  'true',
  'null',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{}}}',
  '{"a":1}',
];

/**
 * Scenario 5 (issue 7): generated malformed input at every entrance (HTTP bodies, query
 * strings, path parameters, headers, WebSocket frames, raw Kafka records). Each gets a
 * clear refusal (4xx in the contract's error shape, an error frame, a dead-letter record);
 * nothing crashes and the valid traffic sent alongside all arrives.
 */
describe('Bad input (faults)', () => {
  const system = new SystemUnderTest({ gateways: 1, chatWorkers: 1, chatupWorkers: 1 });
  const kafka = new TestKafka();
  const tally = { http: 0, query: 0, headers: 0, ws: 0, kafka: 0 };
  let alice: ChatUser;
  let bob: ChatUser;
  let chatId: string;
  const validSent: string[] = [];

  beforeAll(async () => {
    await system.start();
    [alice, bob] = await Promise.all([ChatUser.create(system.baseUrl), ChatUser.create(system.baseUrl)]);
    ({ chatId } = await alice.succeed<{ chatId: string }>('POST', '/chats/private', { userId: bob.id }));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close(), kafka.close()]);
    await system.stop();
  });

  /** A valid message sent between bad inputs: it must be stored. */
  async function sendValid(): Promise<void> {
    const clientMessageId = randomUUID();
    await alice.command('POST', `/chats/${chatId}/messages`, { clientMessageId, content: 'valid' });
    validSent.push(clientMessageId);
  }

  async function raw(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string> },
  ) {
    const res = await fetch(`${system.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${alice.token}`,
        'content-type': 'application/json',
        ...init.headers,
      },
      body: init.body,
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : text,
    };
  }

  const BODY_ROUTES: [string, string, Record<string, unknown>][] = [
    ['POST', '/auth/register', { username: 'valid_name', email: 'v@example.test', password: 'password123' }],
    ['POST', '/auth/login', { username: 'valid_name', password: 'password123' }],
    ['POST', '/auth/refresh', { refreshToken: 'x'.repeat(43) }],
    ['POST', '/auth/logout', { refreshToken: 'x'.repeat(43) }],
    ['PATCH', '/users/me', { displayName: 'Al' }],
    ['PUT', '/users/me/status', { status: 'away' }],
    ['POST', '/chats/private', { userId: UUID }],
    ['POST', '/chats/group', { name: 'g', memberIds: [UUID] }],
    ['POST', `/chats/${UUID}/members`, { userId: UUID }],
    ['POST', `/chats/${UUID}/messages`, { clientMessageId: UUID, content: 'hi' }],
    ['PATCH', `/chats/${UUID}/messages/${UUID}`, { content: 'hi' }],
    ['POST', `/chats/${UUID}/read`, { seq: 1 }],
    ['POST', '/chatup', { tags: ['go'] }],
  ];

  it('refuses malformed HTTP bodies with 400/413 in the error shape', async () => {
    const failures: string[] = [];
    for (const [method, path, valid] of BODY_ROUTES) {
      const cases: string[] = [
        ...RAW_BODIES,
        JSON.stringify({ ...valid, unexpected: 1 }),
        JSON.stringify({ ...valid, pad: 'x'.repeat(70 * 1024) }),
      ];
      // A seq above the largest safe integer (1e20 overflowed INT8 in the worker before).
      if (path.endsWith('/read')) cases.push(JSON.stringify({ seq: 1e20 }), JSON.stringify({ seq: 2 ** 53 }));
      // Wrong types for every field; null only for required fields (an optional one may be null: absent).
      for (const [field] of Object.entries(valid))
        for (const bad of WRONG_TYPES)
          if (bad !== null || !OPTIONAL_FIELDS.has(field))
            cases.push(JSON.stringify({ ...valid, [field]: bad }));
      for (const body of cases) {
        // {"a":1} is an unknown field on every route; {} alone is valid for PATCH /users/me.
        // Auth routes count attempts per username: each case names a user of its own.
        const res = await raw(method, path, {
          body: body.replaceAll('valid_name', `n_${randomUUID().slice(0, 8)}`),
        });
        tally.http++;
        const ok =
          [400, 413].includes(res.status) &&
          typeof res.body === 'object' &&
          res.body.statusCode === res.status;
        if (!ok) failures.push(`${method} ${path} ${body.slice(0, 60)} → ${res.status}`);
      }
      await sendValid();
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses malformed query strings and path parameters with 400', async () => {
    const paths = [
      ...['0', '101', 'abc', '-1', '1.5', '1e3', '', '%00'].map(
        (v) => `/chats/${chatId}/messages?limit=${v}`,
      ),
      // Above the largest safe integer: 1e20 overflowed INT8 in the database (a 500) before.
      ...['abc', '-1', '1.5', '%27%20OR%201=1', '1e20', '9007199254740992'].map(
        (v) => `/chats/${chatId}/messages?beforeSeq=${v}`,
      ),
      ...['-1', 'abc', '1e999', '1.5', '%27', '1e20', '9007199254740992'].map((v) => `/sync?after=${v}`),
      ...['0', '1001', 'abc'].map((v) => `/sync?limit=${v}`),
      `/sync?deviceId=${'d'.repeat(500)}&after=1`,
      ...['not-a-uuid', '1', "'%20OR%201=1--", 'x'.repeat(300)].map((id) => `/chats/${id}`),
      ...['not-a-uuid', '1'].map((id) => `/chats/${id}/messages`),
      ...['not-a-uuid', '1'].map((id) => `/users/${id}/profile`),
      `/chats/${chatId}/messages?limit=10&limit=20`,
    ];
    const failures: string[] = [];
    for (const path of paths) {
      const res = await raw('GET', path, {});
      tally.query++;
      if (res.status !== 400) failures.push(`${path.slice(0, 80)} → ${res.status}`);
    }
    await sendValid();
    expect(failures).toEqual([]);
  });

  it('refuses bad credentials headers with 401 and odd headers without a 5xx', async () => {
    const [header, payload] = alice.token.split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    const auths = [
      '',
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      `Bearer ${alice.token}x`,
      `Bearer ${header}.${payload}.AAAA`,
      `Bearer ${none}`,
      'Bearer a.b.c',
      `Bearer ${'A'.repeat(4_000)}`,
      `bearer${alice.token}`,
    ];
    const failures: string[] = [];
    for (const authorization of auths) {
      const res = await raw('GET', '/users/me', { headers: { authorization } });
      tally.headers++;
      if (res.status !== 401) failures.push(`authorization "${authorization.slice(0, 30)}" → ${res.status}`);
    }
    // A bad correlation id is replaced, not echoed; a wrong content type is refused.
    for (const id of ['<script>', 'x'.repeat(500), '\t', 'a b c']) {
      const res = await fetch(`${system.baseUrl}/users/me`, {
        headers: { authorization: `Bearer ${alice.token}`, 'x-correlation-id': id },
      });
      tally.headers++;
      if (res.status !== 200 || res.headers.get('x-correlation-id') === id)
        failures.push(`x-correlation-id ${id.slice(0, 20)} → ${res.status}`);
    }
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      const res = await raw('POST', `/chats/${chatId}/messages`, {
        body: '{"content":"x"}',
        headers: { 'content-type': type },
      });
      tally.headers++;
      if (![400, 415].includes(res.status)) failures.push(`content-type ${type} → ${res.status}`);
    }
    await sendValid();
    expect(failures).toEqual([]);
  });

  it('answers malformed WebSocket frames with error frames and closes on huge ones (1009)', async () => {
    const socket = await TestSocket.ready(system.baseUrl, alice.token);
    const frames: unknown[] = [
      '{',
      'not json',
      '[]',
      '"typing"',
      '42',
      'null',
      'true',
      '{}',
      '{"type":1}',
      '{"type":null}',
      '{"type":"nope"}',
      '{"type":"__proto__"}',
      '{"type":"typing"}',
      '{"type":"typing","chatId":1}',
      '{"type":"typing","chatId":"not-a-uuid"}',
      '{"type":"typing","chatId":[]}',
      '{"type":"ack"}',
      '{"type":"ack","seq":"x"}',
      '{"type":"ack","seq":-1}',
      '{"type":"ack","seq":1.5}',
      '{"type":"ack","seq":null}',
      '{"type":"ping","extra":{"deep":[1,2,3]}}'.replace('ping', 'pingx'),
      '{"type":"typing","chatId":"x","constructor":{}}',
      JSON.stringify({ type: 'typing', chatId: 'x'.repeat(10_000) }),
      ...Array.from({ length: 10 }, () => randomBytes(64).toString('latin1')),
    ];
    let errors = 0;
    for (const frame of frames) {
      const answer = await socket.ask<{ message: string }>(frame, 'error');
      tally.ws++;
      if (typeof answer.data.message === 'string') errors++;
    }
    expect(socket.closed).toBeUndefined();
    const pong = await socket.ask({ type: 'ping' }, 'pong'); // still serving
    expect(pong.type).toBe('pong');
    await socket.close();

    const huge = await TestSocket.ready(system.baseUrl, alice.token);
    huge.send(JSON.stringify({ type: 'typing', chatId: 'x'.repeat(20 * 1024) }));
    tally.ws++;
    expect((await huge.waitForClose()).code).toBe(1009);
    await sendValid();
    expect(errors).toBe(frames.length);
  });

  it('dead-letters poison Kafka records with a reason, and keeps processing the good ones', async () => {
    const prefix = kafka.prefix;
    const dlq = await kafka.collect(topicName(prefix, TOPICS.deadLetter));
    const commands = topicName(prefix, TOPICS.chatCommands);
    const chatupCommands = topicName(prefix, TOPICS.chatupCommands);
    const good = (payload: object) =>
      createEnvelope(SendMessage.type, SendMessage.version, payload, {
        id: randomUUID(),
        correlationId: randomUUID(),
      });
    const validPayload = { actorId: alice.id, chatId, clientMessageId: UUID, content: 'x', kind: 'text' };
    const poison: (string | Buffer)[] = [
      ...Array.from({ length: 10 }, () => randomBytes(32 + Math.floor(Math.random() * 200))),
      '',
      'null',
      '[]',
      '"x"',
      '{}',
      '{"id":1}',
      'not json',
      JSON.stringify({ ...good(validPayload), type: 'chat.no-such-command' }),
      JSON.stringify({ ...good(validPayload), version: 99 }),
      JSON.stringify({ ...good(validPayload), id: 'not-a-uuid' }),
      JSON.stringify({ ...good(validPayload), payload: null }),
      JSON.stringify(good({ ...validPayload, content: 'x'.repeat(100_000) })), // oversized content
      JSON.stringify(good({ ...validPayload, chatId: 'nope' })),
      JSON.stringify(good({ ...validPayload, kind: 'bomb' })),
      JSON.stringify(good({ ...validPayload, content: 42 })),
      JSON.stringify(good({ actorId: alice.id })),
      Buffer.alloc(300_000, 0x7b), // 300 KB of "{"
    ];
    const keys = poison.map(() => `poison-${randomUUID()}`);
    for (const [i, value] of poison.entries()) {
      await kafka.send(i % 4 === 3 ? chatupCommands : commands, [{ key: keys[i], value }]);
      if (i % 5 === 0) await sendValid();
      tally.kafka++;
    }
    const mine = () => dlq.filter((m) => keys.includes(m.key?.toString() ?? ''));
    await waitFor(
      'every poison record in the dead-letter topic',
      () => mine().length >= poison.length,
      60_000,
    );
    expect(mine().every((m) => (header(m, DLQ_REASON) ?? '').length > 0)).toBe(true);
    expect(mine()).toHaveLength(poison.length);
  }, 120_000);

  it('stored every valid message sent alongside, and every service still answers /health', async () => {
    const stored = await waitFor(
      'every valid message stored',
      async () => {
        const rows = await storedMessages([chatId]);
        return validSent.every((id) => rows.some((r) => r.client_message_id === id)) && rows;
      },
      60_000,
      500,
    );
    const health = await pool(
      [...system.gateways, ...system.chatWorkers, ...system.chatupWorkers],
      3,
      async (app) => {
        const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
        return (await fetch(`${url}/health`)).status;
      },
    );
    printReport('bad input', {
      'HTTP bodies tried': tally.http,
      'query strings / path params tried': tally.query,
      'headers tried': tally.headers,
      'WebSocket frames tried': tally.ws,
      'raw Kafka records tried': tally.kafka,
      'inputs tried (total)': Object.values(tally).reduce((a, b) => a + b, 0),
      'valid messages sent alongside / stored': `${validSent.length} / ${validSent.filter((id) => stored.some((r) => r.client_message_id === id)).length}`,
      '/health of every service': health.join(','),
    });
    expect(health.every((s) => s === 200)).toBe(true);
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(200);
  });
});
