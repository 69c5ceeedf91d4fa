import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * `429 { statusCode, error, message }` with `Retry-After: <seconds>` (set by
 * HttpExceptionFilter): every rate limit, in a guard or in a route, answers with it.
 */
export class TooManyRequestsException extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
