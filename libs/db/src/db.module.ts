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

/** Options of `DbModule.forRoot`. */
export interface DbModuleOptions {
  /** Service name: `application_name` of its connections and its key in `schema_migrations`. */
  service: string;
  /** Folder of the service's `NNN-name.sql` migrations, applied at start-up when given. */
  migrationsDir?: string;
}

const DB_MODULE_OPTIONS = Symbol('DB_MODULE_OPTIONS');

/**
 * Gives the whole application one `Database` (configured from the environment, see `dbConfigFromEnv`)
 * and a `DbHealthIndicator`. Applies migrations in `onModuleInit`, so the schema is ready before the
 * application listens, and ends the pool in `onApplicationShutdown` (enable shutdown hooks).
 */
@Global()
@Module({})
export class DbModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(DbModule.name);

  constructor(
    @Inject(DB_MODULE_OPTIONS) private readonly options: DbModuleOptions,
    private readonly db: Database,
  ) {}

  /** Registers the module once, in the application's root module. */
  static forRoot(options: DbModuleOptions): DynamicModule {
    return {
      module: DbModule,
      global: true,
      providers: [
        { provide: DB_MODULE_OPTIONS, useValue: options },
        {
          provide: Database,
          useFactory: () => new Database(dbConfigFromEnv(options.service), new Logger(Database.name)),
        },
        // Terminus's stateless result builder, provided here so the indicator works without TerminusModule.
        HealthIndicatorService,
        DbHealthIndicator,
      ],
      exports: [Database, DbHealthIndicator],
    };
  }

  async onModuleInit(): Promise<void> {
    const { service, migrationsDir } = this.options;
    if (!migrationsDir) return;
    const applied = await runMigrations(this.db, service, migrationsDir, this.logger);
    this.logger.log(`Schema of ${service} is up to date (${applied.length} migration(s) applied now)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}
