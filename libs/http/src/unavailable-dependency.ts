/**
 * Errors that mean a dependency (the database) cannot be reached right now, rather than a
 * bug: refused or dropped connections, PostgreSQL/CockroachDB shutting down or not
 * accepting connections (SQLSTATE class 08, 57P01–57P03). A request failing with one is
 * answered `503` ("retry"), not `500`.
 */
export function isUnavailableDependency(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03'].includes(code))
      return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect/i.test(err.message);
}
