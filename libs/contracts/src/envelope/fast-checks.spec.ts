import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { SendMessage } from '../chats/chat.commands';
import { CHAT_LIMITS } from '../chats/chat-limits';
import { PUSH_MAX_RECIPIENTS, PushDeliver } from '../chats/push.messages';
import { createEnvelope } from './create-envelope';
import { EnvelopeHeaderDto } from './envelope-header.dto';
import { MessageType } from './message-type';
import { parseEnvelope } from './parse-envelope';

/**
 * The hand-written checks (envelope header, `message.send`, `push.deliver`) must accept and
 * refuse exactly what class-transformer + class-validator did under parseEnvelope's options.
 * Each case runs both ways and compares the verdicts.
 */
const UUID = '6f1c1f5e-8f0a-4b9e-9a57-4c1b2f3d4e5f';
const OTHER = 'a3bb189e-8bf9-4888-9912-ace4e6543002';

function classVerdict(type: MessageType<object>, payload: unknown): boolean {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return false;
  const instance = plainToInstance(type.payload, payload);
  return (
    validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true })
      .length === 0
  );
}

function fastVerdict(type: MessageType<object>, payload: unknown): boolean {
  const envelope = createEnvelope(type.type, type.version, {}, { correlationId: 'c' });
  const bytes = Buffer.from(JSON.stringify({ ...envelope, payload }));
  return parseEnvelope(bytes, new Map([[type.type, type]])).ok;
}

const send = { actorId: UUID, chatId: OTHER, clientMessageId: UUID, content: 'hi', kind: 'text' };
const sendCases: [string, unknown][] = [
  ['valid', send],
  ['longest content', { ...send, content: 'x'.repeat(CHAT_LIMITS.contentMax) }],
  ['content too long', { ...send, content: 'x'.repeat(CHAT_LIMITS.contentMax + 1) }],
  ['empty content', { ...send, content: '' }],
  ['numeric content', { ...send, content: 5 }],
  ['missing kind', { ...send, kind: undefined }],
  ['unknown kind', { ...send, kind: 'video-call' }],
  ['bad chatId', { ...send, chatId: 'chat-1' }],
  ['null actorId', { ...send, actorId: null }],
  ['an unknown field', { ...send, extra: 1 }],
  ['empty payload', {}],
];

const recipient = { userId: UUID, seq: 3 };
const push = {
  type: 'message.created',
  data: { a: 1 },
  recipients: [recipient],
  ts: new Date().toISOString(),
};
const pushCases: [string, unknown][] = [
  ['valid', push],
  ['a recipient without seq', { ...push, recipients: [{ userId: OTHER }] }],
  ['seq 0', { ...push, recipients: [{ userId: UUID, seq: 0 }] }],
  ['fractional seq', { ...push, recipients: [{ userId: UUID, seq: 1.5 }] }],
  ['a recipient with an unknown field', { ...push, recipients: [{ ...recipient, extra: true }] }],
  ['a recipient that is a string', { ...push, recipients: [UUID] }],
  ['a null recipient', { ...push, recipients: [null] }],
  ['no recipients', { ...push, recipients: [] }],
  ['too many recipients', { ...push, recipients: Array(PUSH_MAX_RECIPIENTS + 1).fill(recipient) }],
  ['recipients not an array', { ...push, recipients: recipient }],
  ['data an array', { ...push, data: [1] }],
  ['data null', { ...push, data: null }],
  ['data with any fields', { ...push, data: { anything: { nested: [1] } } }],
  ['a long type', { ...push, type: 'x'.repeat(65) }],
  ['a non-strict ts', { ...push, ts: '2026-02-30T00:00:00Z' }],
  ['an unknown field', { ...push, extra: 1 }],
];

describe('hand-written payload checks answer as class-validator', () => {
  it.each(sendCases)('message.send: %s', (_, payload) => {
    expect(fastVerdict(SendMessage, payload)).toBe(classVerdict(SendMessage, payload));
  });

  it.each(pushCases)('push.deliver: %s', (_, payload) => {
    expect(fastVerdict(PushDeliver, payload)).toBe(classVerdict(PushDeliver, payload));
  });

  it('the cases include refusals', () => {
    expect(sendCases.filter(([, p]) => !classVerdict(SendMessage, p)).length).toBeGreaterThan(5);
    expect(pushCases.filter(([, p]) => !classVerdict(PushDeliver, p)).length).toBeGreaterThan(5);
  });
});

describe('the envelope header check answers as EnvelopeHeaderDto', () => {
  const header = createEnvelope('test.any', 1, {}, { correlationId: 'corr' }) as unknown as Record<
    string,
    unknown
  >;
  const cases: [string, Record<string, unknown>][] = [
    ['valid', header],
    ['with a causation id', { ...header, causationId: UUID }],
    ['a null causation id', { ...header, causationId: null }],
    ['an empty causation id', { ...header, causationId: '' }],
    ['an unknown header field (allowed)', { ...header, extra: 'x' }],
    ['a bad id', { ...header, id: 'nope' }],
    ['version 0', { ...header, version: 0 }],
    ['version as a string', { ...header, version: '1' }],
    ['a long correlation id', { ...header, correlationId: 'c'.repeat(129) }],
    ['no correlation id', { ...header, correlationId: undefined }],
    ['an empty type', { ...header, type: '' }],
    ['a date without time zone rules', { ...header, occurredAt: '2026-13-01T00:00:00Z' }],
    ['a payload array', { ...header, payload: [] }],
    ['no payload', { ...header, payload: undefined }],
  ];

  it.each(cases)('%s', (_, raw) => {
    const byClass =
      validateSync(plainToInstance(EnvelopeHeaderDto, raw), { forbidUnknownValues: true }).length === 0;
    const result = parseEnvelope(Buffer.from(JSON.stringify(raw)), new Map());
    // An accepted header goes on to the type lookup (none is known here); a refused one stops.
    const byCheck = result.ok || !result.reason.startsWith('invalid envelope');
    expect(byCheck).toBe(byClass);
  });
});
