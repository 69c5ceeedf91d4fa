/**
 * Errors that mean "try again later" rather than "this record is bad": a database or broker
 * that is away, or a serialization conflict that outlived its retries. A record failing with
 * one of these is retried without limit (its partition waits), never dead-lettered, so an
 * accepted command is not lost to an outage.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '40001', // serialization failure
  '40P01', // deadlock detected
  '57P01', // admin shutdown
  '57P02', // crash shutdown
  '57P03', // cannot connect now
  '53300', // too many connections
]);

export function isTransientError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return true;
  if (err.name.startsWith('KafkaJS')) return (err as { retriable?: boolean }).retriable !== false;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(
    err.message,
  );
}
