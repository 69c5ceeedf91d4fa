/** How a service reaches its Consul agent and what it registers there. */
export interface ConsulConfig {
  /** The agent's HTTP API, e.g. `http://127.0.0.1:8500`. */
  url: URL;
  /** ACL token sent as `X-Consul-Token`, if the agent requires one. */
  token?: string;
  /** KV folder whose keys override environment variables, ending in `/`. */
  kvPrefix: string;
  /** Tags of the registered service. */
  tags: string[];
  /** Address Consul's check (and its clients) reach this instance at; the bound one when unset. */
  serviceAddress?: string;
  /** Consul durations (`10s`, `1m`) of the HTTP check on `/health`. */
  check: { interval: string; timeout: string; deregisterCriticalServiceAfter: string };
}

const DURATION = /^\d+(ms|s|m|h)$/;

function duration(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name] || fallback;
  if (!DURATION.test(value)) throw new Error(`${name} must be a Consul duration such as 10s, got "${value}"`);
  return value;
}

/**
 * Reads the Consul settings (README "Consul"); `undefined` when `CONSUL_HTTP_ADDR` is not
 * set, in which case the service neither registers nor reads KV. Like Consul's own CLI,
 * the address may omit the scheme (`CONSUL_HTTP_SSL=true` then means https).
 */
export function consulConfigFromEnv(service: string, env: NodeJS.ProcessEnv): ConsulConfig | undefined {
  const addr = env.CONSUL_HTTP_ADDR?.trim();
  if (!addr) return undefined;
  const scheme = env.CONSUL_HTTP_SSL === 'true' ? 'https' : 'http';
  const url = new URL(/^https?:\/\//.test(addr) ? addr : `${scheme}://${addr}`);
  const prefix = env.CONSUL_KV_PREFIX ?? `chat/${service}/`;
  return {
    url,
    token: env.CONSUL_HTTP_TOKEN || undefined,
    kvPrefix: prefix.endsWith('/') ? prefix : `${prefix}/`,
    tags: (env.CONSUL_SERVICE_TAGS ?? 'chat')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    serviceAddress: env.CONSUL_SERVICE_ADDRESS || undefined,
    check: {
      interval: duration(env, 'CONSUL_CHECK_INTERVAL', '10s'),
      timeout: duration(env, 'CONSUL_CHECK_TIMEOUT', '5s'),
      deregisterCriticalServiceAfter: duration(env, 'CONSUL_DEREGISTER_AFTER', '1m'),
    },
  };
}
