import { request } from './api';

describe('request (a typed route to a URL)', () => {
  it('fills path parameters encoded and appends only the query fields given', () => {
    expect(
      request<'get', '/chats/{id}/messages'>('/chats/{id}/messages', {
        path: { id: 'a/b c' },
        query: { beforeSeq: undefined, limit: 20 },
      }),
    ).toEqual({ url: '/chats/a%2Fb%20c/messages?limit=20', body: undefined });
    expect(
      request<'post', '/chats/{id}/read'>('/chats/{id}/read', { path: { id: 'c1' }, body: { seq: 4 } }),
    ).toEqual({ url: '/chats/c1/read', body: { seq: 4 } });
    expect(request<'get', '/users/me'>('/users/me')).toEqual({ url: '/users/me', body: undefined });
  });

  it('refuses a template whose parameter has no value', () => {
    const init = { path: {} } as unknown as { path: { id: string } };
    expect(() => request<'get', '/chats/{id}'>('/chats/{id}', init)).toThrow('no value for {id}');
  });
});
