/**
 * Static checks on one migration file's SQL. Migrations run outside transactions and two instances
 * of a service may run them at once (there are no advisory locks in CockroachDB), so each file must
 * hold exactly one statement and that statement must be safe to run twice.
 */

/**
 * Throws a descriptive error unless `sql` holds exactly one statement that does not obviously
 * break idempotency (CREATE TABLE/INDEX/SCHEMA without IF NOT EXISTS, CREATE VIEW without OR
 * REPLACE, ADD COLUMN without IF NOT EXISTS, DROP without IF EXISTS). `file` only names the culprit in the message.
 */
export function assertMigrationSql(sql: string, file: string): void {
  const code = stripCommentsAndLiterals(sql);
  const body = code.trim().replace(/[;\s]+$/, '');
  if (body === '') {
    throw new Error(`Migration ${file} holds no SQL statement`);
  }
  if (body.includes(';')) {
    throw new Error(`Migration ${file} holds more than one statement; put each in its own file`);
  }
  const problem = idempotencyProblem(body.replace(/\s+/g, ' ').toUpperCase());
  if (problem) {
    throw new Error(`Migration ${file} is not safe to run twice: ${problem}`);
  }
}

/**
 * Blanks out comments and string/identifier literals so that only SQL syntax is left to inspect:
 * a `;` inside `'a;b'` or `-- x; y` must not count as a statement separator.
 * Dollar-quoted strings are not recognised; migrations here have no use for them.
 */
export function stripCommentsAndLiterals(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const two = sql.slice(i, i + 2);
    if (two === '--') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      out += ' ';
    } else if (two === '/*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
      out += ' ';
    } else if (sql[i] === "'" || sql[i] === '"') {
      i = endOfQuoted(sql, i);
      out += "''";
    } else {
      out += sql[i];
      i++;
    }
  }
  return out;
}

/** Index just past the literal opening at `start`; a doubled quote is an escaped quote. */
function endOfQuoted(sql: string, start: number): number {
  const quote = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return sql.length;
}

const IDEMPOTENCY_RULES: ReadonlyArray<{ pattern: RegExp; problem: string }> = [
  {
    pattern: /^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(?!IF NOT EXISTS)/,
    problem: 'CREATE INDEX needs IF NOT EXISTS',
  },
  { pattern: /^CREATE (TABLE|SCHEMA) (?!IF NOT EXISTS)/, problem: 'CREATE TABLE/SCHEMA needs IF NOT EXISTS' },
  { pattern: /\bADD COLUMN (?!IF NOT EXISTS)/, problem: 'ADD COLUMN needs IF NOT EXISTS' },
  // PostgreSQL has no CREATE VIEW IF NOT EXISTS; OR REPLACE is idempotent on both engines.
  { pattern: /^CREATE (MATERIALIZED )?VIEW /, problem: 'CREATE VIEW needs OR REPLACE' },
  { pattern: /\bDROP (TABLE|INDEX|SCHEMA|COLUMN) (?!IF EXISTS)/, problem: 'DROP needs IF EXISTS' },
];

function idempotencyProblem(normalized: string): string | undefined {
  return IDEMPOTENCY_RULES.find((rule) => rule.pattern.test(normalized))?.problem;
}
