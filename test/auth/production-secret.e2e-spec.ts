import { startApiGateway } from '../../apps/api-gateway/src/main';
import { DEV_ACCESS_SECRET } from '../../apps/api-gateway/src/auth/auth.config';

/** In production the gateway does not start with a missing or default token secret. */
describe('Gateway in production mode (e2e)', () => {
  it.each([
    ['no secret', undefined],
    ['the development default', DEV_ACCESS_SECRET],
  ])('refuses to start with %s', async (_name, secret) => {
    const env = { ...process.env, NODE_ENV: 'production', JWT_ACCESS_SECRET: secret };
    await expect(startApiGateway({ port: 0, env })).rejects.toThrow(/JWT_ACCESS_SECRET must be set/);
  });
});
