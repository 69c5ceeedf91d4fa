import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNames, readMigrationFiles } from './migration-files';

describe('checkNames', () => {
  it('accepts NNN-name.sql', () => {
    expect(() => checkNames(['001-create-users.sql', '002-add_name.sql'], 'dir')).not.toThrow();
  });

  it('rejects a misnamed file and a repeated number', () => {
    expect(() => checkNames(['create-users.sql'], 'dir')).toThrow(/not named NNN-name.sql/);
    expect(() => checkNames(['001-a.sql', '001-b.sql'], 'dir')).toThrow(/share the number 001/);
  });
});

describe('readMigrationFiles', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads .sql files in name order, ignoring other files', async () => {
    await writeFile(join(dir, '002-b.sql'), 'CREATE TABLE IF NOT EXISTS b (id UUID PRIMARY KEY)');
    await writeFile(join(dir, '001-a.sql'), 'CREATE TABLE IF NOT EXISTS a (id UUID PRIMARY KEY)');
    await writeFile(join(dir, 'README.md'), 'notes');
    const files = await readMigrationFiles(dir);
    expect(files.map((f) => f.id)).toEqual(['001-a', '002-b']);
  });

  it('fails on a file with two statements before anything runs', async () => {
    await writeFile(join(dir, '001-a.sql'), 'CREATE TABLE IF NOT EXISTS a (id UUID); SELECT 1');
    await expect(readMigrationFiles(dir)).rejects.toThrow(/001-a.sql holds more than one statement/);
  });
});
