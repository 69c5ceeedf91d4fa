import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { dbConfigFromEnv } from './db-config';
import { Database } from './database';
import { DbHealthIndicator } from './db.health-indicator';
import { runMigrations } from './migrations/migrator';

/** One folder of `NNN-name.sql` migrations, recorded under `name` in `schema_migrations`. */
export interface MigrationSet {
  name: string;
  dir: string;
}

/** Options of `DbModule.forRoot`. */
export interface DbModuleOptions {
  /** Service name: `application_name` of its connections. */
  service: string;
  /**
   * The service's own schema: every table it writes lives there and nowhere else (README
   * "Who owns which table"). Unqualified names resolve there first.
   */
  schema?: string;
  /** Other services' read contracts (schemas of views) the service may read, in search order. */
  reads?: readonly string[];
  /**
   * Migrations applied at start-up into `schema`, in this order: the service's own folder
   * and those of the libraries whose tables it owns (the outbox, the event log).
   */
  migrations?: readonly MigrationSet[];
}

const DB_MODULE_OPTIONS = Symbol('DB_MODULE_OPTIONS');

/**
 * Gives the whole application one `Database` (configured from the environment, see `dbConfigFromEnv`)
 * and a `DbHealthIndicator`. Applies migrations in `onModuleInit`, so the schema is ready before the
 * application listens, and ends the pool in `onApplicationShutdown` (enable shutdown hooks).
 */
function searchPathOf({ schema, reads = [] }: DbModuleOptions): string[] {
  return schema ? [schema, ...reads] : [...reads];
}

@Global()
@Module({})
export class DbModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DbModule.name);

  constructor(
    @Inject(DB_MODULE_OPTIONS) private readonly options: DbModuleOptions,
    private readonly db: Database,
  ) {}

  /**
   * Registers the module once, in the application's root module; `env` is the service's
   * resolved settings (Consul KV over the environment).
   */
  static forRoot(options: DbModuleOptions, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: DbModule,
      global: true,
      providers: [
        { provide: DB_MODULE_OPTIONS, useValue: options },
        {
          provide: Database,
          useFactory: () =>
            new Database(
              dbConfigFromEnv(options.service, env, searchPathOf(options)),
              new Logger(Database.name),
            ),
        },
        // Terminus's stateless result builder, provided here so the indicator works without TerminusModule.
        HealthIndicatorService,
        DbHealthIndicator,
      ],
      exports: [Database, DbHealthIndicator],
    };
  }

  async onModuleInit(): Promise<void> {
    const { service, schema, migrations = [] } = this.options;
    let applied = 0;
    for (const set of migrations)
      applied += (await runMigrations(this.db, set.name, set.dir, this.logger, schema)).length;
    if (migrations.length > 0)
      this.logger.log(`Schema of ${service} is up to date (${applied} migration(s) applied now)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
