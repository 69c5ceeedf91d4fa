import type { NestExpressApplication } from '@nestjs/platform-express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The first `<ancestor of from>/<relative>` that exists (works from src/ and from dist/). */
function findUp(from: string, relative: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The web console at `/console` (public, static files only, so helmet's CSP holds): the
 * page and its script from `console/public`, the client SDK's ES module build (`npm run
 * build:client`) under `/console/sdk/`.
 */
export function configureConsole(app: NestExpressApplication): void {
  const page = findUp(__dirname, join('apps', 'api-gateway', 'src', 'console', 'public'));
  const sdk = findUp(__dirname, join('libs', 'client', 'dist', 'esm'));
  if (sdk) app.useStaticAssets(sdk, { prefix: '/console/sdk/' });
  if (page) app.useStaticAssets(page, { prefix: '/console/' });
}
