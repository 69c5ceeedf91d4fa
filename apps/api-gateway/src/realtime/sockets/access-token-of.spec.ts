import type { IncomingMessage } from 'node:http';
import { accessTokenOf } from './access-token-of';

const request = (url: string, authorization?: string) =>
  ({ url, headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe('accessTokenOf', () => {
  it('reads ?token=', () => {
    expect(accessTokenOf(request('/ws?token=abc.def.ghi'))).toBe('abc.def.ghi');
  });

  it('reads a Bearer Authorization header', () => {
    expect(accessTokenOf(request('/ws', 'Bearer abc.def'))).toBe('abc.def');
    expect(accessTokenOf(request('/ws', 'bearer  abc.def '))).toBe('abc.def');
  });

  it('finds none in an empty query, another scheme or no header', () => {
    expect(accessTokenOf(request('/ws?token='))).toBeUndefined();
    expect(accessTokenOf(request('/ws', 'Basic dXNlcjpwdw=='))).toBeUndefined();
    expect(accessTokenOf(request('/ws'))).toBeUndefined();
  });
});
