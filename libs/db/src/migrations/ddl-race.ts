/**
 * SQLSTATEs a correct, idempotent DDL statement can still raise when another instance runs the same
 * statement at the same moment (PostgreSQL's `IF NOT EXISTS` checks before it inserts into its catalog;
 * CockroachDB restarts contending schema changes). Running the statement again then succeeds or no-ops.
 */
const DDL_RACE_SQLSTATES: ReadonlySet<string> = new Set([
  '23505', // unique_violation, on a system catalog index
  '42P07', // duplicate_table (also duplicate index)
  '42710', // duplicate_object
  '42701', // duplicate_column
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** True when `err` may come from two instances running the same idempotent DDL at once. */
export function isDdlRaceError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const { code } = err;
  return typeof code === 'string' && DDL_RACE_SQLSTATES.has(code);
}
