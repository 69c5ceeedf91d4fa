/**
 * Copies what tsc does not emit (the plain-SQL migrations) next to the compiled code,
 * so `dist/` runs on its own.
 */
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './repo-root.mjs';

function* sqlDirs(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (!statSync(path).isDirectory()) continue;
    if (entry === 'migrations') yield path;
    else yield* sqlDirs(path);
  }
}

for (const top of ['apps', 'libs']) {
  for (const dir of sqlDirs(join(repoRoot, top))) {
    cpSync(dir, join(repoRoot, 'dist', relative(repoRoot, dir)), { recursive: true });
  }
}
