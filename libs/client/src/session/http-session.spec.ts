import { eventually, fakeFetch, fakeJwt } from '../../test/fake-platform';
import type { Tokens } from '../api/api-schemas';
import { ApiError } from '../errors';
import { HttpSession } from './http-session';

describe('HttpSession', () => {
  const later = () => Math.floor(Date.now() / 1000) + 900;

  /** A gateway that accepts only the current access token and rotates refresh tokens once each. */
  function gateway() {
    let access = fakeJwt(later());
    let refresh = 'r0';
    const spent = new Set<string>();
    let refreshes = 0;
    let releaseRefresh: () => void = () => undefined;
    const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve));
    const { fetch, calls } = fakeFetch(async (call) => {
      if (call.path === '/auth/refresh') {
        refreshes++;
        await refreshGate;
        const presented = (call.body as { refreshToken: string }).refreshToken;
        if (presented !== refresh || spent.has(presented)) return { status: 401, body: { message: 'spent' } };
        spent.add(presented);
        refresh = `r${refreshes}`;
        access = fakeJwt(later());
        return { status: 200, body: { accessToken: access, refreshToken: refresh } };
      }
      return call.authorization === `Bearer ${access}`
        ? { status: 200, body: { ok: true } }
        : { status: 401, body: { message: 'expired' } };
    });
    return {
      fetch,
      calls,
      releaseRefresh,
      get refreshes() {
        return refreshes;
      },
      expireAccess: () => (access = 'no-longer-valid'),
      current: () => ({ access, refresh }),
    };
  }

  function session(fetch: ReturnType<typeof gateway>['fetch']) {
    const stored: Array<Tokens | undefined> = [];
    const expired: number[] = [];
    const http = new HttpSession({
      baseUrl: 'http://gw',
      fetch,
      onTokens: (t) => stored.push(t),
      onExpired: (s) => expired.push(s),
    });
    return { http, stored, expired };
  }

  it('refreshes once for many requests that got 401 at the same time, and stores the rotated token', async () => {
    const gw = gateway();
    const { http, stored } = session(gw.fetch);
    http.setTokens({ accessToken: fakeJwt(later()), refreshToken: 'r0' });
    gw.expireAccess();

    const requests = Array.from({ length: 5 }, () => http.request('GET', '/users/me'));
    await eventually('the refresh to start', () => gw.refreshes === 1);
    gw.releaseRefresh();
    await expect(Promise.all(requests)).resolves.toEqual(Array(5).fill({ ok: true }));

    expect(gw.refreshes).toBe(1);
    expect(http.current).toEqual({ accessToken: gw.current().access, refreshToken: 'r1' });
    expect(stored.at(-1)).toEqual(http.current);

    // The next refresh presents the rotated token, not the spent one.
    gw.expireAccess();
    await expect(http.request('GET', '/users/me')).resolves.toEqual({ ok: true });
    expect(gw.refreshes).toBe(2);
    expect(gw.calls.filter((c) => c.path === '/auth/refresh').map((c) => c.body)).toEqual([
      { refreshToken: 'r0' },
      { refreshToken: 'r1' },
    ]);
  });

  it('refreshes before a request when the access token is about to expire', async () => {
    const gw = gateway();
    gw.releaseRefresh();
    const { http } = session(gw.fetch);
    http.setTokens({ accessToken: fakeJwt(Math.floor(Date.now() / 1000) + 5), refreshToken: 'r0' });
    await expect(http.request('GET', '/users/me')).resolves.toEqual({ ok: true });
    expect(gw.calls.map((c) => c.path)).toEqual(['/auth/refresh', '/users/me']);
  });

  it('ends the session when the refresh token is refused', async () => {
    const gw = gateway();
    gw.releaseRefresh();
    const { http, stored, expired } = session(gw.fetch);
    http.setTokens({ accessToken: fakeJwt(later()), refreshToken: 'stolen-and-spent' });
    gw.expireAccess();
    await expect(http.request('GET', '/users/me')).rejects.toMatchObject({ status: 401 });
    expect(expired).toEqual([401]);
    expect(stored.at(-1)).toBeUndefined();
    await expect(http.request('GET', '/users/me')).rejects.toBeInstanceOf(ApiError);
  });
});
