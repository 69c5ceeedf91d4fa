/**
 * npm run generate:client-types [-- --url http://localhost:3000]
 *
 * Regenerates libs/client/src/generated/api-types.ts from the OpenAPI document a gateway
 * serves at /docs-json. With --url (or GATEWAY_URL) it asks that running gateway; without,
 * it starts one in this process from dist/ (run `npm run build` first) against the local
 * engines, reusing running ones and stopping only those it started.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureEngines, stopEngines } from '../engines/index.mjs';
import { repoRoot } from './repo-root.mjs';

const require = createRequire(import.meta.url);
const { CLIENT_TYPES_PATH, renderClientTypes } = require('./client-types.cjs');
const log = (line) => process.stderr.write(`${line}\n`);

function urlArgument() {
  const at = process.argv.indexOf('--url');
  return at >= 0 ? process.argv[at + 1] : process.env.GATEWAY_URL;
}

async function fetchDocument(baseUrl) {
  const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/docs-json`);
  if (!res.ok) throw new Error(`GET ${baseUrl}/docs-json answered ${res.status}`);
  return res.json();
}

/** Starts a gateway from dist/ on a free port, hands its URL to `use`, and stops it again. */
async function withInProcessGateway(use) {
  const bootstrap = join(repoRoot, 'dist', 'apps', 'api-gateway', 'src', 'bootstrap.js');
  if (!existsSync(bootstrap)) throw new Error(`${bootstrap} is missing: run \`npm run build\` first`);
  const { started, env } = await ensureEngines({ log, names: ['postgres', 'kafka'] });
  const { startApiGateway } = require(bootstrap);
  const gateway = await startApiGateway({
    port: 0,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn', LOG_SHIPPING: 'off', INSTANCE_ID: 'client-types' },
  });
  try {
    return await use((await gateway.getUrl()).replace('[::1]', '127.0.0.1'));
  } finally {
    await gateway.close();
    if (started.length) await stopEngines(started, { log });
  }
}

const url = urlArgument();
const document = url ? await fetchDocument(url) : await withInProcessGateway(fetchDocument);
writeFileSync(CLIENT_TYPES_PATH, await renderClientTypes(document));
log(`[client-types] wrote ${CLIENT_TYPES_PATH} from ${url ?? 'an in-process gateway'}`);
// The gateway's Kafka and database clients may hold timers after close.
process.exit(0);
