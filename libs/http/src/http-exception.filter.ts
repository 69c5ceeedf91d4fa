import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { TooManyRequestsException } from './too-many-requests.exception';
import { isUnavailableDependency } from './unavailable-dependency';

/**
 * Every error leaves as `{ statusCode, error, message }`; a 400's `message` is always an
 * array naming each problem. Unknown errors are a 500 with no detail for the client, and
 * are logged; a database that cannot be reached is a 503 (retry).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    // Applied to Kafka handlers too (inheritAppConfig): leave their errors to the Kafka
    // server, which retries transient ones and dead-letters the rest with the real reason.
    if (host.getType() !== 'http') throw exception;
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const body = (
        typeof raw === 'object' ? raw : { statusCode: status, error: exception.name, message: raw }
      ) as {
        message?: unknown;
      };
      if (status === 400 && typeof body.message === 'string') body.message = [body.message];
      if (exception instanceof TooManyRequestsException)
        res.setHeader('Retry-After', String(exception.retryAfterSeconds));
      res.status(status).json(body);
      return;
    }
    if (isUnavailableDependency(exception)) {
      // The database is away (an outage, a restart): tell the client to retry, not that we broke.
      this.logger.warn(`dependency unavailable: ${(exception as Error).message}`);
      res.status(503).json({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'a dependency is unavailable; retry',
      });
      return;
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  }
}
