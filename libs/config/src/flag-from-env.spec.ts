import { flagFromEnv } from './flag-from-env';

describe('flagFromEnv', () => {
  it('falls back when the setting is unset or blank', () => {
    expect(flagFromEnv({}, 'F', true)).toBe(true);
    expect(flagFromEnv({ F: '' }, 'F', false)).toBe(false);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads %s', (raw, expected) => {
    expect(flagFromEnv({ F: raw }, 'F', !expected)).toBe(expected);
  });

  it.each(['yes', 'off', 'TRUE '])('refuses %s, naming the setting', (raw) => {
    expect(() => flagFromEnv({ F: raw }, 'F', false)).toThrow(/^F must be true or false/);
  });
});
