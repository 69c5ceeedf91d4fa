import { causedBy, createEnvelope } from './create-envelope';

describe('createEnvelope', () => {
  it('fills id, time and a null causation for a root message', () => {
    const e = createEnvelope('a.b', 1, { x: 1 }, { correlationId: 'c' });
    expect(e).toMatchObject({
      type: 'a.b',
      version: 1,
      correlationId: 'c',
      causationId: null,
      payload: { x: 1 },
    });
    expect(e.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(e.occurredAt).toISOString()).toBe(e.occurredAt);
  });

  it('keeps the correlation and points causation at the cause', () => {
    const cause = createEnvelope('a.cmd', 1, {}, { correlationId: 'req-7' });
    const effect = createEnvelope('a.evt', 1, {}, causedBy(cause));
    expect(effect.correlationId).toBe('req-7');
    expect(effect.causationId).toBe(cause.id);
  });

  it('uses a pre-chosen id', () => {
    expect(createEnvelope('a', 1, {}, { correlationId: 'c', id: 'given' }).id).toBe('given');
  });
});
