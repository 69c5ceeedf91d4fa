export { assertSchemaName, type DbConfig, dbConfigFromEnv } from './db-config';
export { Database } from './database';
export type { DbStats, TxClient, TxOptions } from './database.types';
export { DbHealthIndicator } from './db.health-indicator';
export { DbModule, type DbModuleOptions, type MigrationSet } from './db.module';
export { Migrator, runMigrations } from './migrations/migrator';
export { PeriodicTask, type PeriodicTaskOptions } from './periodic-task';
export { backoffDelayMs, isRetryableTxError } from './retry-policy';
