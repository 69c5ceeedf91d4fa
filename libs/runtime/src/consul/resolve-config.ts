import { Logger } from '@nestjs/common';
import { consulConfigFromEnv } from './consul.config';
import { CONSUL_REQUEST_TIMEOUT_MS, createConsulClient } from './create-consul-client';
import { KvEntry, kvOverrides } from './kv-overrides';

const logger = new Logger('ConsulConfig');

/**
 * The settings a service starts with: its environment, with the keys found in Consul KV
 * under `CONSUL_KV_PREFIX` (default `chat/<service>/`) laid over it when `CONSUL_HTTP_ADDR`
 * is set. A key absent from KV keeps its environment value. Runs before the Nest module is
 * built, since the module reads its settings when it is built.
 *
 * An agent that cannot be read fails the start: running with settings the operator has
 * overridden would be worse than not running (the orchestrator retries the start).
 */
export async function resolveConfig(service: string, env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const config = consulConfigFromEnv(service, env);
  if (!config) return env;
  const consul = createConsulClient(config);
  try {
    const query = { key: config.kvPrefix, recurse: true, timeout: CONSUL_REQUEST_TIMEOUT_MS };
    const found = (await consul.kv.get(query)) as KvEntry[] | KvEntry | null | undefined;
    const entries = found ? ([] as KvEntry[]).concat(found) : [];
    const { overrides, ignored } = kvOverrides(config.kvPrefix, entries);
    if (ignored.length > 0)
      logger.warn(`ignoring Consul KV keys that name no setting: ${ignored.join(', ')}`);
    const names = Object.keys(overrides);
    if (names.length > 0) logger.log(`settings from Consul KV ${config.kvPrefix}: ${names.join(', ')}`);
    return { ...env, ...overrides };
  } catch (err) {
    throw new Error(
      `could not read Consul KV ${config.kvPrefix} at ${config.url.origin}: ${(err as Error).message}`,
    );
  } finally {
    consul.destroy();
  }
}
