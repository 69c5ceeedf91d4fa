import Consul from 'consul';
import { ConsulConfig } from './consul.config';

/** The one place a `consul` client is built. Call `destroy()` when done: it keeps sockets alive. */
export function createConsulClient(config: ConsulConfig): Consul {
  const { url, token } = config;
  const secure = url.protocol === 'https:';
  return new Consul({
    host: url.hostname,
    port: Number(url.port || (secure ? 443 : 80)),
    secure,
    defaults: token ? { token } : undefined,
  });
}

/** How long one call to the agent may take: a local agent answers in milliseconds. */
export const CONSUL_REQUEST_TIMEOUT_MS = 5_000;
