import { assertMigrationSql, stripCommentsAndLiterals } from './migration-sql';

describe('assertMigrationSql', () => {
  const ok = (sql: string) => () => assertMigrationSql(sql, '001-x.sql');

  it('accepts one statement, with or without a trailing semicolon and comments', () => {
    expect(
      ok('CREATE TABLE IF NOT EXISTS users (id UUID PRIMARY KEY DEFAULT gen_random_uuid())'),
    ).not.toThrow();
    expect(
      ok('-- why: users\nCREATE TABLE IF NOT EXISTS users (id UUID PRIMARY KEY);\n\n-- end;\n'),
    ).not.toThrow();
    expect(ok('/* a; b */ ALTER TABLE users ADD COLUMN IF NOT EXISTS name TEXT;;  ')).not.toThrow();
  });

  it('ignores semicolons inside literals and comments', () => {
    expect(ok("ALTER TABLE t ADD COLUMN IF NOT EXISTS s TEXT DEFAULT 'a;b'")).not.toThrow();
    expect(ok('CREATE TABLE IF NOT EXISTS "odd;name" (id UUID PRIMARY KEY) -- x; y')).not.toThrow();
  });

  it('rejects a second statement, naming the file', () => {
    expect(
      ok('CREATE TABLE IF NOT EXISTS a (id UUID PRIMARY KEY); CREATE TABLE IF NOT EXISTS b (id UUID)'),
    ).toThrow('Migration 001-x.sql holds more than one statement; put each in its own file');
  });

  it('rejects a file with no statement', () => {
    expect(ok('-- nothing here\n;')).toThrow(/holds no SQL statement/);
  });

  it.each([
    ['CREATE TABLE users (id UUID PRIMARY KEY)', /CREATE TABLE\/SCHEMA needs IF NOT EXISTS/],
    ['create unique index users_name on users (name)', /CREATE INDEX needs IF NOT EXISTS/],
    ['ALTER TABLE users ADD COLUMN name TEXT', /ADD COLUMN needs IF NOT EXISTS/],
    ['DROP INDEX users_name', /DROP needs IF EXISTS/],
    ['CREATE VIEW read_v1.users AS SELECT id FROM users', /CREATE VIEW needs OR REPLACE/],
  ])('rejects a statement that fails when run twice: %s', (sql, message) => {
    expect(ok(sql)).toThrow(message);
  });

  it('accepts the idempotent forms', () => {
    expect(ok('CREATE UNIQUE INDEX IF NOT EXISTS users_name ON users (name)')).not.toThrow();
    expect(ok('DROP INDEX IF EXISTS users_name')).not.toThrow();
    expect(ok('CREATE OR REPLACE VIEW read_v1.users AS SELECT id FROM users')).not.toThrow();
    expect(ok('ALTER TABLE IF EXISTS public.users SET SCHEMA gateway')).not.toThrow();
  });
});

describe('stripCommentsAndLiterals', () => {
  it('keeps code and blanks out what is quoted or commented', () => {
    expect(stripCommentsAndLiterals("SELECT 'it''s;' /* ; */ -- ;\n, \"a;\"")).toBe("SELECT ''    \n, ''");
  });
});
