import { positiveIntFromEnv } from './positive-int-from-env';

describe('positiveIntFromEnv', () => {
  it.each([
    ['unset', {}],
    ['empty', { N: '' }],
    ['blank', { N: '  ' }],
  ])('falls back when the setting is %s', (_name, env) => {
    expect(positiveIntFromEnv(env, 'N', 42)).toBe(42);
  });

  it('reads a positive integer, surrounding blanks included', () => {
    expect(positiveIntFromEnv({ N: '7' }, 'N', 42)).toBe(7);
    expect(positiveIntFromEnv({ N: ' 900 ' }, 'N', 42)).toBe(900);
  });

  it.each(['0', '-5', '1.5', 'ten', '1e400', '12abc'])(
    'refuses %s, naming the setting and the value',
    (raw) => {
      expect(() => positiveIntFromEnv({ N: raw }, 'N', 42)).toThrow(
        `N must be a positive integer, got "${raw}"`,
      );
    },
  );
});
