import { Logger, type LoggerService } from '@nestjs/common';
import type { Database } from '../database';
import { assertSchemaName } from '../db-config';
import { backoffDelayMs } from '../retry-policy';
import { isDdlRaceError } from './ddl-race';
import { readMigrationFiles } from './migration-files';

/** Shared by all services of a database; each row is one migration one service has applied. */
const CREATE_SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations (
  service TEXT NOT NULL,
  id TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (service, id)
)`;

/** Rerunning a statement that lost a DDL race usually succeeds on the second try; five is generous. */
const MAX_STEP_ATTEMPTS = 5;

/**
 * Applies a service's plain-SQL migrations (`NNN-name.sql` files, one idempotent statement each)
 * in name order, recording each in `schema_migrations`. Every statement runs on its own, outside an
 * explicit transaction, because CockroachDB does not make DDL in transactions atomic. Two instances
 * may run it at once: statements are idempotent and the record is `INSERT ... ON CONFLICT DO NOTHING`.
 */
export class Migrator {
  private readonly logger: LoggerService;

  constructor(
    private readonly db: Database,
    private readonly service: string,
    private readonly dir: string,
    logger?: LoggerService,
  ) {
    this.logger = logger ?? new Logger(Migrator.name);
  }

  /**
   * Runs what is not yet recorded; resolves to the ids this call recorded (not those another
   * instance did). Everything, `schema_migrations` included, lands in the first schema of the
   * connection's search path (the service's own, which `schema` creates first when given).
   */
  async run(schema?: string): Promise<string[]> {
    const files = await readMigrationFiles(this.dir);
    if (schema)
      await this.runStep(`CREATE SCHEMA IF NOT EXISTS ${assertSchemaName(schema)}`, `schema ${schema}`);
    await this.runStep(CREATE_SCHEMA_MIGRATIONS, 'schema_migrations');
    const recordedHere: string[] = [];
    for (const file of files) {
      // Checked per file rather than once: another instance may be applying the same list right now.
      if (await this.isRecorded(file.id)) continue;
      await this.runStep(file.sql, file.id);
      if (await this.record(file.id)) {
        recordedHere.push(file.id);
        this.logger.log(`Applied migration ${this.service}/${file.id}`);
      } else {
        this.logger.log(`Migration ${this.service}/${file.id} was recorded by another instance meanwhile`);
      }
    }
    return recordedHere;
  }

  // Both run as retried transactions: under SERIALIZABLE, instances recording the same
  // migration at once make the loser fail with 40001, and it must simply try again.
  private async isRecorded(id: string): Promise<boolean> {
    const found = await this.db.withTransaction(
      (tx) => tx.query('SELECT 1 FROM schema_migrations WHERE service = $1 AND id = $2', [this.service, id]),
      { name: 'migrations.check' },
    );
    return (found.rowCount ?? 0) > 0;
  }

  /** True when this call inserted the row, false when another instance had. */
  private async record(id: string): Promise<boolean> {
    const inserted = await this.db.withTransaction(
      (tx) =>
        tx.query('INSERT INTO schema_migrations (service, id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
          this.service,
          id,
        ]),
      { name: 'migrations.record' },
    );
    return (inserted.rowCount ?? 0) > 0;
  }

  private async runStep(sql: string, id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.query(sql);
        return;
      } catch (err) {
        if (!isDdlRaceError(err) || attempt >= MAX_STEP_ATTEMPTS) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new Error(`Migration ${this.service}/${id} failed: ${reason}`, { cause: err });
        }
        const code = (err as { code: string }).code;
        this.logger.debug?.(
          `Migration ${this.service}/${id} raced another instance (${code}); running it again`,
        );
        await new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt)));
      }
    }
  }
}

/**
 * Applies `dir`'s migrations for `service` (see `Migrator`), creating `schema` first when
 * given; resolves to the ids this call recorded.
 */
export function runMigrations(
  db: Database,
  service: string,
  dir: string,
  logger?: LoggerService,
  schema?: string,
): Promise<string[]> {
  return new Migrator(db, service, dir, logger).run(schema);
}
