import { Database } from '@chat/db';
import { JwtService } from '@nestjs/jwt';
import { DEV_ACCESS_SECRET } from '../../apps/api-gateway/src/auth/auth.config';
import { ApiClient, newAccount, Session } from '../support/api-client';
import { SystemUnderTest } from '../support/system-under-test';

/** Auth routes of API.md over real HTTP against the real database. */
describe('Auth (e2e)', () => {
  const system = new SystemUnderTest();
  let api: ApiClient;

  beforeAll(async () => {
    await system.start();
    api = new ApiClient(system.baseUrl);
  });
  afterAll(() => system.stop());

  describe('register', () => {
    it('answers 201 with the user and a working token pair, storing an argon2id hash', async () => {
      const account = newAccount({ displayName: '  Ada  ', tags: ['Music', ' hiking', 'music'] });
      const res = await api.request<Session>('POST', '/auth/register', { body: account });

      expect(res.status).toBe(201);
      expect(res.body.user).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username: account.username,
        email: account.email,
        displayName: 'Ada',
        tags: ['music', 'hiking'],
        status: 'offline',
        createdAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toContain(account.password);
      const me = await api.request('GET', '/users/me', { token: res.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).toEqual(res.body.user);

      const { rows } = await system.gateway
        .get(Database)
        .query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [
          res.body.user.id,
        ]);
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(rows[0].password_hash).not.toContain(account.password);
    });

    it('defaults displayName to the username and tags to none', async () => {
      const session = await api.register();
      expect(session.user.displayName).toBe(session.user.username);
      expect(session.user.tags).toEqual([]);
    });

    it('answers 409 for a taken username and for a taken email in any case', async () => {
      const taken = await api.register();
      const sameName = await api.request('POST', '/auth/register', {
        body: newAccount({ username: taken.user.username }),
      });
      expect(sameName.status).toBe(409);
      expect(sameName.body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        message: 'username is already taken',
      });

      const sameEmail = await api.request('POST', '/auth/register', {
        body: newAccount({ email: taken.user.email.toUpperCase() }),
      });
      expect(sameEmail.status).toBe(409);
      expect(sameEmail.body).toMatchObject({ message: 'email is already taken' });
    });

    it.each([
      ['username', { username: 'ab' }],
      ['username', { username: 'x'.repeat(33) }],
      ['username', { username: 'Has_Upper' }],
      ['username', { username: 'white space' }],
      ['username', { username: 42 }],
      ['email', { email: 'not-an-email' }],
      ['email', { email: `${'a'.repeat(250)}@example.test` }],
      ['password', { password: 'short' }],
      ['password', { password: 'p'.repeat(129) }],
      ['password', { password: ['an', 'array'] }],
      ['displayName', { displayName: '' }],
      ['displayName', { displayName: 'd'.repeat(65) }],
      ['tags', { tags: 'music' }],
      ['tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
      ['tags', { tags: [''] }],
      ['tags', { tags: ['ok', 't'.repeat(33)] }],
      ['tags', { tags: [7] }],
    ])('answers 400 naming %s for %j', async (field, override) => {
      const res = await api.request<{ message: string[] }>('POST', '/auth/register', {
        body: { ...newAccount(), ...override },
      });
      expect(res.status).toBe(400);
      expect(res.body.message.some((line) => line.startsWith(`${field}: `))).toBe(true);
    });

    it('answers 400 naming each missing field at once', async () => {
      const res = await api.request<{ message: string[] }>('POST', '/auth/register', { body: {} });
      expect(res.status).toBe(400);
      for (const field of ['username', 'email', 'password']) {
        expect(res.body.message.some((line) => line.startsWith(`${field}: `))).toBe(true);
      }
    });

    it('answers 400 for unknown fields and creates nobody', async () => {
      const account = newAccount();
      const res = await api.request<{ message: string[] }>('POST', '/auth/register', {
        body: { ...account, isAdmin: true },
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('isAdmin: property isAdmin should not exist');
      const login = await api.request('POST', '/auth/login', {
        body: { username: account.username, password: account.password },
      });
      expect(login.status).toBe(401);
    });
  });

  describe('login', () => {
    it('answers 200 with the user and tokens for the right password', async () => {
      const account = await api.register();
      const res = await api.request<Session>('POST', '/auth/login', {
        body: { username: account.user.username, password: account.password },
      });
      expect(res.status).toBe(200);
      expect(res.body.user).toEqual(account.user);
      expect(res.body.refreshToken).not.toBe(account.refreshToken);
      expect((await api.request('GET', '/users/me', { token: res.body.accessToken })).status).toBe(200);
    });

    it('answers the same 401 for a wrong password and an unknown user', async () => {
      const account = await api.register();
      const wrong = await api.request('POST', '/auth/login', {
        body: { username: account.user.username, password: `${account.password}x` },
      });
      const unknown = await api.request('POST', '/auth/login', {
        body: { username: 'nobody_here_at_all', password: account.password },
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('answers 400 naming missing fields', async () => {
      const res = await api.request<{ message: string[] }>('POST', '/auth/login', {
        body: { username: 'someone' },
      });
      expect(res.status).toBe(400);
      expect(res.body.message.some((line) => line.startsWith('password: '))).toBe(true);
    });
  });

  describe('refresh and logout', () => {
    const refresh = (refreshToken: string) =>
      api.request<{ accessToken: string; refreshToken: string }>('POST', '/auth/refresh', {
        body: { refreshToken },
      });

    it('rotates the refresh token on every use; each new access token works', async () => {
      const account = await api.register();
      const first = await refresh(account.refreshToken);
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(account.refreshToken);
      const second = await refresh(first.body.refreshToken);
      expect(second.status).toBe(200);
      const me = await api.request<{ id: string }>('GET', '/users/me', { token: second.body.accessToken });
      expect(me.body.id).toBe(account.user.id);
    });

    it('answers 401 to a spent token and revokes its whole family, leaving other sessions alone', async () => {
      const account = await api.register();
      const otherDevice = await api.request<Session>('POST', '/auth/login', {
        body: { username: account.user.username, password: account.password },
      });
      const rotated = await refresh(account.refreshToken);
      expect(rotated.status).toBe(200);

      const reuse = await refresh(account.refreshToken);
      expect(reuse.status).toBe(401);
      expect(reuse.body).toMatchObject({ message: 'refresh token reused; session revoked' });
      // The thief's (or the client's) newer token of the same family is dead too.
      expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
      // Another login is another family.
      expect((await refresh(otherDevice.body.refreshToken)).status).toBe(200);
    });

    it('logout answers 204 and revokes the family; logging out twice is fine', async () => {
      const account = await api.register();
      const rotated = await refresh(account.refreshToken);
      const out = await api.request('POST', '/auth/logout', { body: { refreshToken: account.refreshToken } });
      expect(out.status).toBe(204);
      expect((await refresh(rotated.body.refreshToken)).status).toBe(401);
      expect(
        (await api.request('POST', '/auth/logout', { body: { refreshToken: 'never-issued' } })).status,
      ).toBe(204);
    });

    it('answers 401 to an unknown refresh token and 400 to a missing one', async () => {
      expect((await refresh('never-issued')).status).toBe(401);
      const missing = await api.request<{ message: string[] }>('POST', '/auth/refresh', { body: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.message.some((line) => line.startsWith('refreshToken: '))).toBe(true);
    });
  });

  describe('access tokens', () => {
    const jwt = new JwtService();

    it.each([
      ['no token', undefined],
      ['a malformed token', 'not.a.jwt'],
      ['a token signed with another secret', 'other'],
      ['an expired token', 'expired'],
      ['a refresh token', 'refresh'],
    ])('answers 401 to %s', async (_name, kind) => {
      const account = await api.register();
      let token: string | undefined = kind;
      const claims = { sub: account.user.id, username: account.user.username, typ: 'access' };
      if (kind === 'other')
        token = jwt.sign(claims, { secret: 'another-secret-of-enough-length-000000', expiresIn: 60 });
      if (kind === 'expired') {
        const past = Math.floor(Date.now() / 1000) - 120;
        token = jwt.sign({ ...claims, iat: past - 900, exp: past }, { secret: DEV_ACCESS_SECRET });
      }
      if (kind === 'refresh') token = account.refreshToken;
      const res = await api.request('GET', '/users/me', { token });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401 });
    });
  });
});
