import { INestApplication } from '@nestjs/common';
import { startApiGateway } from '../../apps/api-gateway/src/main';
import { startChatService } from '../../apps/chat-service/src/main';
import { ProcessedCommandsPruner } from '@chat/commands';
import { Database } from '@chat/db';
import { CommandBatchProcessor } from '../../apps/chat-service/src/chats/commands/batch/command-batch.processor';
import { ApiClient } from '../support/api-client';
import { ConsulContractServer } from './consul-contract.server';

const urlOf = async (app: INestApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1');

/** Seconds an access token lives: its `exp` minus its `iat`. */
function accessTokenTtl(token: string): number {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    exp: number;
    iat: number;
  };
  return claims.exp - claims.iat;
}

/**
 * Consul registration and KV settings of real services (real Kafka and database) against
 * the recorded Consul agent API in `contract/`: every request a service makes must match
 * a recorded interaction, and nothing else is answered.
 */
describe('Consul registration and KV settings (int, recorded contract)', () => {
  let consul: ConsulContractServer;
  let app: INestApplication | undefined;
  const tag = Math.random().toString(36).slice(2, 8);

  afterEach(async () => {
    await app?.close();
    app = undefined;
    await consul.stop();
    expect(consul.violations).toEqual([]);
  });

  it('registers a worker with a liveness check that deregisters and a readiness check that does not, both answering, and deregisters it on close', async () => {
    consul = await new ConsulContractServer([
      'kv-chat-service-absent',
      'register-service',
      'deregister-service',
    ]).start();
    const instanceId = `consul-${tag}`;
    app = await startChatService({
      port: 0,
      env: { ...process.env, INSTANCE_ID: instanceId, CONSUL_HTTP_ADDR: consul.address },
    });
    const { port } = new URL(await urlOf(app));

    expect(consul.received.map((r) => r.interaction)).toEqual(['kv-chat-service-absent', 'register-service']);
    const body = consul.received[1].body as { ID: string; Checks: { HTTP: string }[] };
    const id = `chat-service-${instanceId}`;
    expect(body).toEqual({
      Name: 'chat-service',
      ID: id,
      Address: '127.0.0.1',
      Port: Number(port),
      Tags: ['chat'],
      Checks: [
        {
          CheckID: `${id}:live`,
          Name: 'chat-service live',
          HTTP: `http://127.0.0.1:${port}/health/live`,
          Interval: '10s',
          Timeout: '5s',
          DeregisterCriticalServiceAfter: '1m',
        },
        {
          CheckID: `${id}:ready`,
          Name: 'chat-service ready',
          HTTP: `http://127.0.0.1:${port}/health/ready`,
          Interval: '10s',
          Timeout: '5s',
        },
      ],
    });
    // What the agent's checks would see.
    for (const check of body.Checks)
      expect({ url: check.HTTP, status: (await fetch(check.HTTP)).status }).toEqual({
        url: check.HTTP,
        status: 200,
      });

    await app.close();
    app = undefined;
    expect(consul.received.map((r) => r.interaction)).toEqual([
      'kv-chat-service-absent',
      'register-service',
      'deregister-service',
    ]);
    expect(consul.received[2].path).toBe(`/v1/agent/service/deregister/chat-service-${instanceId}`);
  });

  it('starts the gateway with a setting from Consul KV over the environment', async () => {
    consul = await new ConsulContractServer([
      'kv-gateway-overrides',
      'register-service',
      'deregister-service',
    ]).start();
    app = await startApiGateway({
      port: 0,
      env: {
        ...process.env,
        INSTANCE_ID: `kv-${tag}`,
        CONSUL_HTTP_ADDR: consul.address,
        JWT_ACCESS_TTL_SECONDS: '777',
      },
    });
    const session = await new ApiClient(await urlOf(app)).register();
    expect(accessTokenTtl(session.accessToken)).toBe(1234);
    expect(consul.received[1].body).toMatchObject({ Name: 'api-gateway', ID: `api-gateway-kv-${tag}` });
  });

  it('gives the chat worker its KV settings everywhere it reads settings (pool, pruner, batch)', async () => {
    consul = await new ConsulContractServer([
      'kv-chat-service-overrides',
      'register-service',
      'deregister-service',
    ]).start();
    app = await startChatService({
      port: 0,
      env: {
        ...process.env,
        INSTANCE_ID: `kv-${tag}`,
        CONSUL_HTTP_ADDR: consul.address,
        DB_POOL_MAX: '9',
        PROCESSED_COMMANDS_RETENTION_SECONDS: '99',
        CHAT_RUNS_IN_FLIGHT: '1',
      },
    });
    expect(app.get(Database).config.poolMax).toBe(3);
    expect(app.get(ProcessedCommandsPruner).retentionSeconds).toBe(4321);
    expect(app.get(CommandBatchProcessor).settings.runsInFlight).toBe(2);
  });

  it('keeps the environment value of a setting absent from KV', async () => {
    consul = await new ConsulContractServer([
      'kv-gateway-absent',
      'register-service',
      'deregister-service',
    ]).start();
    app = await startApiGateway({
      port: 0,
      env: {
        ...process.env,
        INSTANCE_ID: `env-${tag}`,
        CONSUL_HTTP_ADDR: `http://${consul.address}`,
        JWT_ACCESS_TTL_SECONDS: '777',
      },
    });
    const session = await new ApiClient(await urlOf(app)).register();
    expect(accessTokenTtl(session.accessToken)).toBe(777);
  });

  it('fails the start when the agent answers outside the contract, rather than run with unknown settings', async () => {
    // Only registration is recorded: the KV read is a violation, answered 400.
    consul = await new ConsulContractServer(['register-service']).start();
    await expect(
      startChatService({
        port: 0,
        env: { ...process.env, INSTANCE_ID: `bad-${tag}`, CONSUL_HTTP_ADDR: consul.address },
      }),
    ).rejects.toThrow(/could not read Consul KV chat\/chat-service\//);
    expect(consul.violations).toHaveLength(1);
    consul.violations.length = 0;
  });
});
