import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, runMigrations } from '@chat/db';
import { databaseUrl, RecordingLogger, testDbConfig, uniqueName, withDatabase } from './db-test-support';

const FIXTURES = join(__dirname, 'fixtures', 'migrations');
const FIXTURE_IDS = ['001-create-users', '002-create-users-handle-index', '003-add-users-display-name'];

/** Several instances of one service starting at once against a database of this test's own. */
describe('runMigrations against the real engine', () => {
  const name = uniqueName('m');
  let admin: Database;
  const instances: Database[] = [];
  const logger = new RecordingLogger();

  const instance = () => {
    const db = new Database(testDbConfig(withDatabase(databaseUrl(), name), { poolMax: 2 }), logger);
    instances.push(db);
    return db;
  };

  beforeAll(async () => {
    admin = new Database(testDbConfig(databaseUrl(), { poolMax: 1 }), logger);
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    await Promise.all(instances.map((db) => db.close()));
    await admin?.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin?.close();
  });

  it('applies each migration once when three instances run them concurrently', async () => {
    const [a, b, c] = [instance(), instance(), instance()];

    const recorded = await Promise.all([a, b, c].map((db) => runMigrations(db, 'users', FIXTURES, logger)));

    // Every id was recorded by exactly one instance.
    expect(recorded.flat().sort()).toEqual(FIXTURE_IDS);
    const rows = await a.query<{ id: string }>(
      `SELECT id FROM schema_migrations WHERE service = 'users' ORDER BY id`,
    );
    expect(rows.rows.map((r) => r.id)).toEqual(FIXTURE_IDS);
    const columns = await a.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'users' ORDER BY column_name`,
    );
    expect(columns.rows.map((r) => r.column_name)).toEqual(['created_at', 'display_name', 'handle', 'id']);
    await a.query(`INSERT INTO users (handle) VALUES ('ada')`);
    await expect(a.query(`INSERT INTO users (handle) VALUES ('ada')`)).rejects.toMatchObject({
      code: '23505',
    });
  });

  it('skips what is recorded when run again, and keeps services apart', async () => {
    const db = instance();

    await expect(runMigrations(db, 'users', FIXTURES, logger)).resolves.toEqual([]);
    // Same files, other service: recorded under its own name; the statements are no-ops now.
    await expect(runMigrations(db, 'audit', FIXTURES, logger)).resolves.toEqual(FIXTURE_IDS);
    const count = await db.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations');
    expect(Number(count.rows[0].n)).toBe(2 * FIXTURE_IDS.length);
  });

  it('records nothing for a statement that fails, and names it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bad-migrations-'));
    try {
      await writeFile(join(dir, '001-bad.sql'), 'ALTER TABLE no_such_table ADD COLUMN IF NOT EXISTS x TEXT');
      const db = instance();

      await expect(runMigrations(db, 'broken', dir, logger)).rejects.toThrow(
        /Migration broken\/001-bad failed/,
      );
      const rows = await db.query(`SELECT 1 FROM schema_migrations WHERE service = 'broken'`);
      expect(rows.rowCount).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
