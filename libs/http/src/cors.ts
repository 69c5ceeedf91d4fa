import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * `CORS_ORIGINS`: a comma-separated list of browser origins (`https://app.example.com`)
 * allowed to call the API cross-origin, or `*` for any. Unset or empty: no CORS headers at
 * all, so browsers allow same-origin calls only (the mobile apps are not browsers and are
 * unaffected). Returns undefined when CORS stays off.
 */
export function corsOptionsFromEnv(raw: string | undefined): CorsOptions | undefined {
  const origins = (raw ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  if (origins.length === 0) return undefined;
  return {
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-correlation-id'],
    exposedHeaders: ['x-correlation-id', 'retry-after'],
    maxAge: 600,
  };
}
