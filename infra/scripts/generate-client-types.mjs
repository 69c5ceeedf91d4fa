/**
 * npm run generate:client-types [-- --url http://localhost:3000]
 *
 * Regenerates libs/client/src/generated/api-types.ts, and docs/openapi.json, from the
 * OpenAPI document a gateway serves at /docs-json. With --url (or GATEWAY_URL) it asks that running gateway; without,
 * it starts one in this process from dist/ (run `npm run build` first) against the local
 * engines (DATABASE_URL and KAFKA_BROKERS, when set, name running ones), stopping only the
 * engines it started. `--stdin --stdout` renders a document piped in and prints the result
 * instead (the drift test does that: Jest cannot load openapi-typescript's ES modules).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureEngines, stopEngines } from '../engines/index.mjs';
import { CLIENT_TYPES_PATH, renderClientTypes } from './client-types.mjs';
import { repoRoot } from './repo-root.mjs';

const OPENAPI_PATH = join(repoRoot, 'docs', 'openapi.json');

const require = createRequire(import.meta.url);
const log = (line) => process.stderr.write(`${line}\n`);
const flag = (name) => process.argv.includes(name);

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
  const bootstrap = join(repoRoot, 'dist', 'apps', 'api-gateway', 'src', 'main.js');
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

async function readDocument() {
  if (flag('--stdin')) return JSON.parse(readFileSync(0, 'utf8'));
  const url = urlArgument();
  return url ? fetchDocument(url) : withInProcessGateway(fetchDocument);
}

const document = await readDocument();
const source = await renderClientTypes(document);
if (flag('--stdout')) process.stdout.write(source);
else {
  writeFileSync(CLIENT_TYPES_PATH, source);
  log(`[client-types] wrote ${CLIENT_TYPES_PATH}`);
  // The document itself, for `npm run lint` (Redocly's recommended rules) and for readers.
  writeFileSync(OPENAPI_PATH, `${JSON.stringify(document, null, 2)}\n`);
  log(`[client-types] wrote ${OPENAPI_PATH}`);
}
// The gateway's Kafka and database clients may hold timers after close.
process.exit(0);
