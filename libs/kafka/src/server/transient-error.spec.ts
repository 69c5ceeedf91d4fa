import { isTransientError } from './transient-error';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('isTransientError', () => {
  it.each(['40001', '40P01', '57P01', '08006', '08001', 'ECONNREFUSED', '53300'])(
    'treats %s as transient',
    (code) => {
      expect(isTransientError(withCode(code))).toBe(true);
    },
  );

  it('treats a dropped connection as transient', () => {
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('treats retriable kafkajs errors as transient and others not', () => {
    const retriable = Object.assign(new Error('leader not available'), {
      name: 'KafkaJSProtocolError',
      retriable: true,
    });
    const fatal = Object.assign(new Error('bad'), { name: 'KafkaJSNonRetriableError', retriable: false });
    expect(isTransientError(retriable)).toBe(true);
    expect(isTransientError(fatal)).toBe(false);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a constraint violation', withCode('23505')],
    ['a non-error', 'boom'],
  ])('treats %s as permanent', (_name, err) => {
    expect(isTransientError(err)).toBe(false);
  });
});
