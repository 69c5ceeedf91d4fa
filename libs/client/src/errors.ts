/** An HTTP answer that was not a success: `status` and the `{ statusCode, error, message }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(`HTTP ${status}: ${ApiError.describe(body)}`);
    this.name = 'ApiError';
  }

  private static describe(body: unknown): string {
    if (body && typeof body === 'object' && 'message' in body) {
      const message = body.message;
      return Array.isArray(message) ? message.join('; ') : String(message);
    }
    return typeof body === 'string' ? body : JSON.stringify(body);
  }
}

/** The request never got an answer (offline, DNS, connection reset). Safe to retry idempotent work. */
export class NetworkError extends Error {
  constructor(override readonly cause: unknown) {
    super(`network error: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'NetworkError';
  }
}

/** The codes of `command.failed` (API.md "Conventions"). */
export type ServerCommandErrorCode =
  'NOT_FOUND' | 'NOT_MEMBER' | 'FORBIDDEN' | 'BLOCKED' | 'CONFLICT' | 'INVALID';

/**
 * The server's codes, and the client's own: `TIMEOUT` (no outcome in time), `CLOSED` (the
 * client was closed while waiting), `UNKNOWN` (a failure without a code).
 */
export type CommandErrorCode = ServerCommandErrorCode | 'TIMEOUT' | 'CLOSED' | 'UNKNOWN';

/** A command's `command.failed` outcome, or the client's own reason it has none. */
export class CommandError extends Error {
  constructor(
    readonly code: CommandErrorCode,
    message: string,
    readonly commandId?: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'CommandError';
  }
}

/** `err` as an Error (a thrown string or value wrapped). */
export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** Worth trying again with the same body: no answer, or the server is briefly unavailable. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof ApiError && [429, 502, 503, 504].includes(err.status);
}
