import { Test, type TestingModule } from '@nestjs/testing';
import { join } from 'node:path';
import { Database, DbHealthIndicator, DbModule } from '@chat/db';
import { databaseUrl, RecordingLogger, testDbConfig, uniqueName, withDatabase } from './db-test-support';

/** The Nest wiring: config from the environment, migrations on init, health, pool closed on shutdown. */
describe('DbModule', () => {
  const name = uniqueName('n');
  const runUrl = databaseUrl();
  let admin: Database;
  let app: TestingModule | undefined;

  beforeAll(async () => {
    admin = new Database(testDbConfig(runUrl, { poolMax: 1 }), new RecordingLogger());
    await admin.query(`CREATE DATABASE ${name}`);
    // DbModule reads DATABASE_URL itself; jest gives each test file its own copy of process.env.
    process.env.DATABASE_URL = withDatabase(runUrl, name);
  });

  afterAll(async () => {
    process.env.DATABASE_URL = runUrl;
    await app?.close();
    await admin?.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin?.close();
  });

  it('migrates on init into its own schema, reports healthy, and ends the pool on shutdown', async () => {
    app = await Test.createTestingModule({
      imports: [
        DbModule.forRoot({
          service: 'users',
          schema: 'users_service',
          migrations: [{ name: 'users', dir: join(__dirname, 'fixtures', 'migrations') }],
        }),
      ],
    }).compile();
    app.useLogger(false);
    await app.init();

    const db = app.get(Database);
    const recorded = await db.query(`SELECT id FROM schema_migrations WHERE service = 'users'`);
    expect(recorded.rowCount).toBe(3);
    // Unqualified names resolved in the service's schema, and nothing landed in `public`.
    const schemas = await db.query<{ table_schema: string }>(
      `SELECT DISTINCT table_schema FROM information_schema.tables
        WHERE table_name IN ('users', 'schema_migrations') ORDER BY table_schema`,
    );
    expect(schemas.rows.map((r) => r.table_schema)).toEqual(['users_service']);
    await expect(app.get(DbHealthIndicator).isHealthy()).resolves.toEqual({ database: { status: 'up' } });

    await app.close();
    app = undefined;
    await expect(db.ping()).rejects.toThrow(/Cannot use a pool after calling end/);
  });
});
