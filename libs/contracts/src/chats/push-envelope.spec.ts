import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { parseEnvelope } from '../envelope/parse-envelope';
import { ephemeralPush, pushEnvelope } from './push-envelope';
import { PushDeliver } from './push.messages';

describe('push envelopes', () => {
  const known = new Map([[PushDeliver.type, PushDeliver]]);
  const origin = { correlationId: randomUUID(), causationId: randomUUID() };
  const [alice, bob] = [randomUUID(), randomUUID()];

  it('builds an ephemeral push: recipients without seq, the cause carried, valid by the contract', () => {
    const envelope = ephemeralPush([alice, bob], 'typing', { chatId: 'c' }, origin);
    expect(envelope).toMatchObject({
      type: 'push.deliver',
      version: 1,
      correlationId: origin.correlationId,
      causationId: origin.causationId,
      payload: { type: 'typing', data: { chatId: 'c' }, recipients: [{ userId: alice }, { userId: bob }] },
    });
    expect(Date.parse(envelope.payload.ts)).not.toBeNaN();
    expect(parseEnvelope(Buffer.from(JSON.stringify(envelope)), known)).toMatchObject({ ok: true });
  });

  it('keeps the seqs of stored events and a given ts', () => {
    const ts = '2024-01-02T03:04:05.000Z';
    const envelope = pushEnvelope(
      { type: 'message.created', data: {}, recipients: [{ userId: alice, seq: 7 }], ts },
      origin,
    );
    expect(envelope.payload).toEqual({
      type: 'message.created',
      data: {},
      recipients: [{ userId: alice, seq: 7 }],
      ts,
    });
  });
});
