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

/**
 * A command's `command.failed` outcome: `code` is `NOT_FOUND`, `NOT_MEMBER`, `FORBIDDEN`,
 * `BLOCKED`, `CONFLICT` or `INVALID`; the client adds `TIMEOUT` (no outcome in time) and
 * `CLOSED` (the client was closed while waiting).
 */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly commandId?: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'CommandError';
  }
}

/** Worth trying again with the same body: no answer, or the server is briefly unavailable. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof ApiError && [429, 502, 503, 504].includes(err.status);
}
