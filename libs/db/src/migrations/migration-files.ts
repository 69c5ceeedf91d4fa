import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertMigrationSql } from './migration-sql';

/** One migration as read from disk. */
export interface MigrationFile {
  /** File name without `.sql`, e.g. `001-create-users`; recorded in `schema_migrations`. */
  id: string;
  /** The single statement the file holds. */
  sql: string;
}

const FILE_NAME = /^(\d+)-[A-Za-z0-9._-]+\.sql$/;

/**
 * Reads every `NNN-name.sql` in `dir`, in name order, and checks each one (see `assertMigrationSql`)
 * before any runs, so a bad file stops the service before it changes the schema halfway.
 * @throws Error on a misnamed `.sql` file, a repeated number, or a file that fails the checks.
 */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql'));
  // Plain code-unit order: locale-aware sorting could differ between machines.
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  checkNames(names, dir);
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name), 'utf8');
      assertMigrationSql(sql, name);
      return { id: name.slice(0, -'.sql'.length), sql };
    }),
  );
}

/** Rejects names that do not follow `NNN-name.sql`, and two files with one number (usually a merge of two branches). */
export function checkNames(names: readonly string[], dir: string): void {
  const seen = new Map<string, string>();
  for (const name of names) {
    const match = FILE_NAME.exec(name);
    if (!match) {
      throw new Error(`Migration file ${name} in ${dir} is not named NNN-name.sql`);
    }
    const other = seen.get(match[1]);
    if (other) {
      throw new Error(`Migrations ${other} and ${name} in ${dir} share the number ${match[1]}`);
    }
    seen.set(match[1], name);
  }
}
