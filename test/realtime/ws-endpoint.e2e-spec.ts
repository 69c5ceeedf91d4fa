import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { AuthConfig } from '../../apps/api-gateway/src/auth/auth.config';
import { AUTH_CONFIG } from '../../apps/api-gateway/src/auth/auth.tokens';
import { AccessTokenService } from '../../apps/api-gateway/src/auth/tokens/access-token.service';
import { SystemUnderTest } from '../support/system-under-test';
import { TestSocket } from '../support/test-socket';
import { createTestUser, TestUser } from '../support/test-users';

/** `/ws` over a real socket: authentication, the first frame, ping, and malformed frames. */
describe('WebSocket /ws (e2e)', () => {
  const system = new SystemUnderTest();
  const sockets: TestSocket[] = [];
  let user: TestUser;

  beforeAll(async () => {
    await system.start();
    user = await createTestUser(system);
  });
  afterEach(() => Promise.all(sockets.splice(0).map((s) => s.close())));
  afterAll(() => system.stop());

  const open = async (options: Parameters<typeof TestSocket.open>[1]) => {
    const socket = await TestSocket.open(system.baseUrl, options);
    sockets.push(socket);
    return socket;
  };
  const ready = async () => {
    const socket = await TestSocket.ready(system.baseUrl, user.token);
    sockets.push(socket);
    return socket;
  };
  const signWith = (claims: object) =>
    new JwtService().signAsync(claims, {
      secret: system.gateway.get<AuthConfig>(AUTH_CONFIG).accessSecret,
      algorithm: 'HS256',
    });

  it('sends ready with the user id first', async () => {
    const socket = await ready();
    expect(socket.frames[0]).toEqual({ type: 'ready', data: { userId: user.id, lastSeq: 0 } });
  });

  it('accepts the token in the Authorization header', async () => {
    const socket = await open({ headers: { authorization: `Bearer ${user.token}` } });
    await expect(socket.next('ready')).resolves.toMatchObject({ data: { userId: user.id } });
  });

  describe('closes with 4401', () => {
    it('without a token', async () => {
      const socket = await open({});
      await expect(socket.waitForClose()).resolves.toMatchObject({ code: 4401 });
      expect(socket.frames).toEqual([]);
    });

    it('for a token that is no JWT', async () => {
      const socket = await open({ token: 'not-a-token' });
      await expect(socket.waitForClose()).resolves.toMatchObject({ code: 4401 });
    });

    it('for a token signed with another secret', async () => {
      const forged = await new JwtService().signAsync(
        { sub: user.id, username: user.username, typ: 'access' },
        { secret: 'another-secret-of-at-least-32-characters!', algorithm: 'HS256' },
      );
      const socket = await open({ token: forged });
      await expect(socket.waitForClose()).resolves.toMatchObject({ code: 4401 });
    });

    it('for an expired token', async () => {
      const exp = Math.floor(Date.now() / 1000) - 60;
      const expired = await signWith({ sub: user.id, username: user.username, typ: 'access', exp });
      const socket = await open({ token: expired });
      await expect(socket.waitForClose()).resolves.toMatchObject({ code: 4401 });
      expect(socket.frames).toEqual([]);
    });

    it('for a valid token of a user that does not exist', async () => {
      const token = await system.gateway
        .get(AccessTokenService)
        .sign({ userId: randomUUID(), username: 'ghost_user' });
      const socket = await open({ token });
      await expect(socket.waitForClose()).resolves.toEqual({ code: 4401, reason: 'unknown user' });
    });
  });

  it('answers ping with pong', async () => {
    const socket = await ready();
    await expect(socket.ask({ type: 'ping' }, 'pong')).resolves.toEqual({ type: 'pong', data: {} });
  });

  it('answers a ping sent before ready only after ready', async () => {
    const socket = await open({ token: user.token });
    socket.send({ type: 'ping' });
    await socket.next('pong');
    expect(socket.frames.map((f) => f.type).slice(0, 2)).toEqual(['ready', 'pong']);
  });

  it.each([
    ['text that is not JSON', '{"type": "ping"', /not valid JSON/],
    ['a JSON array', '[1, 2]', /JSON object/],
    ['a JSON number', '42', /JSON object/],
    ['a frame without type', { chatId: randomUUID() }, /type must be a string/],
    ['an unknown type', { type: 'dance' }, /unknown type "dance"/],
    ['typing with a chatId that is no UUID', { type: 'typing', chatId: 42 }, /chatId must be a UUID/],
  ])('answers %s with an error frame and stays open', async (_name, frame, message) => {
    const socket = await ready();
    const error = await socket.ask<{ message: string }>(frame, 'error');
    expect(error.data.message).toMatch(message);
    await expect(socket.ask({ type: 'ping' }, 'pong')).resolves.toMatchObject({ type: 'pong' });
    expect(socket.closed).toBeUndefined();
  });

  it('answers typing in a chat the user is not in with "chat <id> not found"', async () => {
    const socket = await ready();
    const chatId = randomUUID();
    const error = await socket.ask<{ message: string }>({ type: 'typing', chatId }, 'error');
    expect(error.data.message).toBe(`chat ${chatId} not found`);
  });

  it('closes with 1009 a socket that sends a frame over 16 KiB', async () => {
    const socket = await ready();
    socket.send({ type: 'ping', padding: 'x'.repeat(17 * 1024) });
    await expect(socket.waitForClose()).resolves.toMatchObject({ code: 1009 });
  });
});
