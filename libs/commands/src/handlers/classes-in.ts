import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** A class a folder exports. */
export type ExportedClass = abstract new (...args: never[]) => unknown;

/**
 * The classes exported by `<dir>/<use case>/*<suffix>.{js,ts}`: the use-case folders of an
 * area, so that adding a use case is adding a folder. Nest registers only the providers a
 * module lists, and no library lists a directory's classes, so this does: a few lines of
 * `readdir` and `require`, run once while the module is declared. Compiled (`.js`) and
 * source (`.ts`, under the test runner) trees both work; declarations, maps and specs are
 * skipped.
 */
export function classesIn(dir: string, suffix: string): ExportedClass[] {
  const classes: ExportedClass[] = [];
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(join(dir, folder.name)).sort()) {
      if (!isModuleFile(file, suffix)) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = require(join(dir, folder.name, file)) as Record<string, unknown>;
      for (const value of Object.values(exported))
        if (typeof value === 'function') classes.push(value as ExportedClass);
    }
  }
  return classes;
}

function isModuleFile(file: string, suffix: string): boolean {
  if (file.endsWith('.d.ts') || file.includes('.spec.')) return false;
  return file.endsWith(`${suffix}.js`) || file.endsWith(`${suffix}.ts`);
}
