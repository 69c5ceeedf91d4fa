import { Database, DbModuleOptions, runMigrations } from '@chat/db';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { apiGatewayDatabase } from '../../apps/api-gateway/src/database/api-gateway.database';
import { chatServiceDatabase } from '../../apps/chat-service/src/database/chat-service.database';
import { chatupServiceDatabase } from '../../apps/chatup-service/src/database/chatup-service.database';
import { databaseUrl, RecordingLogger, testDbConfig, uniqueName, withDatabase } from './db-test-support';

const SERVICES = [apiGatewayDatabase, chatServiceDatabase, chatupServiceDatabase];

/**
 * A database from before each service had a schema (every table in `public`, ChatUp's
 * claims named `chatup_processed_commands`), with rows in it, migrated by today's services:
 * the rows end up in their owners' schemas, nothing is left in `public`, and the gateway
 * reads them through the read contracts.
 */
describe('adopting the tables of a database from before the schemas', () => {
  const name = uniqueName('adopt');
  const logger = new RecordingLogger();
  let admin: Database;
  const opened: Database[] = [];
  const connect = (searchPath: readonly string[] = []) => {
    const db = new Database(
      testDbConfig(withDatabase(databaseUrl(), name), { poolMax: 2, searchPath }),
      logger,
    );
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    admin = new Database(testDbConfig(databaseUrl(), { poolMax: 1 }), logger);
    await admin.query(`CREATE DATABASE ${name}`);
  });

  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await admin?.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin?.close();
  });

  it('moves every service’s rows into its schema and serves them through the contracts', async () => {
    const old = connect();
    await createOldLayout(old);
    const ids = { user: randomUUID(), chat: randomUUID(), command: randomUUID(), outbox: randomUUID() };
    await old.query(
      `INSERT INTO users (id, username, email, password_hash, display_name) VALUES ($1, 'ada', 'a@x.io', 'h', 'Ada')`,
      [ids.user],
    );
    await old.query(`INSERT INTO chats (id, type, created_by, last_seq) VALUES ($1, 'group', $2, 1)`, [
      ids.chat,
      ids.user,
    ]);
    await old.query(`INSERT INTO chat_members (chat_id, user_id, role) VALUES ($1, $2, 'admin')`, [
      ids.chat,
      ids.user,
    ]);
    await old.query(
      `INSERT INTO messages (chat_id, seq, sender_id, client_message_id, kind, content)
       VALUES ($1, 1, $2, gen_random_uuid(), 'text', 'from before')`,
      [ids.chat, ids.user],
    );
    await old.query(`INSERT INTO user_event_heads (user_id, last_seq) VALUES ($1, 1)`, [ids.user]);
    await old.query(
      `INSERT INTO user_events (user_id, seq, type, data) VALUES ($1, 1, 'chat.created', '{}')`,
      [ids.user],
    );
    await old.query(`INSERT INTO outbox (id, topic, record_key, envelope) VALUES ($1, 't', 'k', '{}')`, [
      ids.outbox,
    ]);
    await old.query(`INSERT INTO chatup_processed_commands (command_id) VALUES ($1)`, [ids.command]);

    for (const service of SERVICES) await migrate(service);

    const count = async (db: Database, sql: string, params: unknown[]) =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0].n);
    const owner = connect();
    expect(await count(owner, `gateway.users WHERE id = $1`, [ids.user])).toBe(1);
    expect(await count(owner, `chat.messages WHERE chat_id = $1`, [ids.chat])).toBe(1);
    expect(await count(owner, `chat.user_events WHERE user_id = $1`, [ids.user])).toBe(1);
    expect(await count(owner, `chat.outbox WHERE id = $1`, [ids.outbox])).toBe(1);
    expect(await count(owner, `chatup.processed_commands WHERE command_id = $1`, [ids.command])).toBe(1);
    const left = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    );
    expect(left.rows).toEqual([]);

    const gateway = connect([apiGatewayDatabase.schema!, ...apiGatewayDatabase.reads!]);
    const read = await gateway.query<{ content: string; username: string }>(
      `SELECT m.content, u.username FROM messages m JOIN users u ON u.id = m.sender_id WHERE m.chat_id = $1`,
      [ids.chat],
    );
    expect(read.rows).toEqual([{ content: 'from before', username: 'ada' }]);
    expect(await count(gateway, `user_events WHERE user_id = $1`, [ids.user])).toBe(1);
  });

  /**
   * The tables from before the schemas (those the adoption steps name), created into
   * `public` by today's table migrations, ChatUp's claims under their old name. Tables
   * added since (e.g. `idempotency_keys`) did not exist then.
   */
  async function createOldLayout(db: Database): Promise<void> {
    const files = SERVICES.flatMap((service) =>
      service.migrations!.flatMap((set) =>
        readdirSync(set.dir)
          .sort()
          .map((file) => readFileSync(join(set.dir, file), 'utf8')),
      ),
    );
    const adopted = new Set(
      files.flatMap((sql) => [...sql.matchAll(/public\.(\w+) SET SCHEMA/g)].map((m) => m[1])),
    );
    adopted.add('processed_commands'); // ChatUp's is adopted as chatup_processed_commands, below
    for (const sql of files) {
      const table =
        /^\s*(?:CREATE TABLE IF NOT EXISTS (\w+)|CREATE (?:UNIQUE )?INDEX IF NOT EXISTS \w+\s+ON (\w+)|ALTER TABLE (\w+) (?:ADD|ALTER) COLUMN)/m.exec(
          sql,
        );
      const name = table && (table[1] ?? table[2] ?? table[3]);
      if (name && adopted.has(name)) await db.query(sql);
    }
    await db.query(`ALTER TABLE processed_commands RENAME TO chatup_processed_commands`);
    await db.query(`CREATE TABLE processed_commands (command_id UUID PRIMARY KEY, processed_at TIMESTAMPTZ)`);
  }

  async function migrate(service: DbModuleOptions): Promise<void> {
    const db = connect([service.schema!, ...(service.reads ?? [])]);
    for (const set of service.migrations!) await runMigrations(db, set.name, set.dir, logger, service.schema);
  }
});
