import { IsString } from 'class-validator';
import { createEnvelope } from './create-envelope';
import { defineMessage, MessageType } from './message-type';
import { MAX_RECORD_BYTES, parseEnvelope } from './parse-envelope';

class GreetingPayload {
  @IsString()
  text!: string;
}
const Greeting = defineMessage('test.greeting', 2, GreetingPayload);
const known = new Map<string, MessageType<object>>([[Greeting.type, Greeting]]);
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const valid = () =>
  createEnvelope(Greeting.type, Greeting.version, { text: 'hi' }, { correlationId: 'corr-1' });

describe('parseEnvelope', () => {
  it('accepts a valid envelope and returns a typed payload instance', () => {
    const envelope = valid();
    const result = parseEnvelope(bytes(envelope), known);
    expect(result).toEqual({
      ok: true,
      envelope: expect.objectContaining({ id: envelope.id, causationId: null }),
    });
    if (result.ok) expect(result.envelope.payload).toBeInstanceOf(GreetingPayload);
  });

  it.each([
    ['no value', null, /empty record value/],
    ['empty value', Buffer.alloc(0), /empty record value/],
    ['garbage bytes', Buffer.from([0xde, 0xad, 0xbe, 0xef]), /invalid JSON/],
    ['a JSON array', bytes([1, 2]), /not a JSON object/],
    ['a JSON string', bytes('"hello"'), /not a JSON object/],
    ['a missing id', bytes({ ...valid(), id: undefined }), /invalid envelope: id/],
    ['a bad occurredAt', bytes({ ...valid(), occurredAt: 'yesterday' }), /invalid envelope: occurredAt/],
    ['an unknown type', bytes({ ...valid(), type: 'test.unknown' }), /unknown message type "test.unknown"/],
    ['another version', bytes({ ...valid(), version: 1 }), /unsupported version 1 of "test.greeting"/],
    [
      'a wrong payload type',
      bytes({ ...valid(), payload: { text: 5 } }),
      /invalid payload of "test.greeting": text/,
    ],
    ['an unknown payload field', bytes({ ...valid(), payload: { text: 'a', admin: true } }), /admin/],
    ['a __proto__ key', bytes(`{"__proto__": {"x": 1}}`), /forbidden key "__proto__"/],
    ['a nested constructor key', bytes(`{"payload": {"constructor": {}}}`), /forbidden key "constructor"/],
    ['an oversized record', Buffer.alloc(MAX_RECORD_BYTES + 1, 0x20), /exceeds/],
  ])('refuses %s with a reason', (_name, value, reason) => {
    const result = parseEnvelope(value, known);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
