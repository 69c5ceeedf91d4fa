import type { NestExpressApplication } from '@nestjs/platform-express';
import { corsOptionsFromEnv } from '@chat/http';

/**
 * The gateway's edge: behind a load balancer (`TRUST_PROXY`), rate limits count the client,
 * not the proxy; browsers may call cross-origin only from `CORS_ORIGINS` (unset, no CORS
 * headers at all).
 */
export function configureEdge(app: NestExpressApplication, env: NodeJS.ProcessEnv): void {
  if (env.TRUST_PROXY) app.set('trust proxy', trustProxySetting(env.TRUST_PROXY));
  const cors = corsOptionsFromEnv(env.CORS_ORIGINS);
  if (cors) app.enableCors(cors);
}

/**
 * `TRUST_PROXY`: a hop count (`1`) or Express's list of proxy addresses (`loopback,
 * 10.0.0.0/8`). Never `true`: that trusts any `X-Forwarded-For`, so any client could name
 * the address the rate limits count it under.
 */
export function trustProxySetting(raw: string): number | string {
  const value = raw.trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (value === '' || /^(true|false|yes|on)$/i.test(value) || value === '*')
    throw new Error(
      `TRUST_PROXY=${raw} is not allowed: give the number of proxies in front of the gateway or their addresses`,
    );
  return value;
}
