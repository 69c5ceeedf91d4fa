import { corsOptionsFromEnv } from './cors';

describe('corsOptionsFromEnv', () => {
  it('keeps CORS off when unset or empty', () => {
    expect(corsOptionsFromEnv(undefined)).toBeUndefined();
    expect(corsOptionsFromEnv(' , ')).toBeUndefined();
  });

  it('allows exactly the listed origins, trimmed, without trailing slashes', () => {
    expect(corsOptionsFromEnv(' https://a.example/ ,https://b.example')?.origin).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('allows any origin with *', () => {
    expect(corsOptionsFromEnv('*')?.origin).toBe('*');
  });
});
