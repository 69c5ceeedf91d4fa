import { flattenRedacted, REDACTED, redactText } from './redact-secrets';

describe('redaction', () => {
  it('flattens to dotted keys and masks secret keys at any depth', () => {
    expect(
      flattenRedacted({
        user: { id: 'u1', password: 'p' },
        headers: { authorization: 'Bearer x', 'content-type': 'json' },
        tokens: ['a'],
        items: [{ content: 'hi', seq: 1 }],
      }),
    ).toEqual({
      'user.id': 'u1',
      'user.password': REDACTED,
      'headers.authorization': REDACTED,
      'headers.content-type': 'json',
      tokens: REDACTED,
      items: [{ content: REDACTED, seq: 1 }],
    });
  });

  it('masks bearer credentials, JWTs and key=value secrets in text', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    expect(redactText(`auth Bearer abc.def and ${jwt}`)).toBe(`auth Bearer ${REDACTED} and ${REDACTED}`);
    expect(redactText('password=hunter2 refreshToken: "r1"')).toBe(
      `password=${REDACTED} refreshToken: "${REDACTED}"`,
    );
    expect(redactText('chat 42 created')).toBe('chat 42 created');
  });

  it('keeps ordinary keys that merely look alike', () => {
    expect(flattenRedacted({ passport: 1, contentLength: 2, bypass: 3 })).toEqual({
      passport: 1,
      contentLength: 2,
      bypass: 3,
    });
  });
});
