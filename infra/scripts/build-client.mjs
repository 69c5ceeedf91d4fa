/**
 * Builds the client SDK (libs/client) as its own package: ES modules (browsers, bundlers,
 * Node `import`), CommonJS (Node `require`, older bundlers) and type declarations, each
 * marked with the module type Node should read it as.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './repo-root.mjs';

const client = join(repoRoot, 'libs', 'client');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(join(client, 'dist'), { recursive: true, force: true });
for (const config of ['tsconfig.esm.json', 'tsconfig.cjs.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', join(client, config)], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
for (const [dir, type] of [
  ['esm', 'module'],
  ['cjs', 'commonjs'],
]) {
  mkdirSync(join(client, 'dist', dir), { recursive: true });
  writeFileSync(join(client, 'dist', dir, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`);
}
