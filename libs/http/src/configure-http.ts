import type { NestExpressApplication } from '@nestjs/platform-express';
import { correlationIdMiddleware } from './correlation-id.middleware';
import { HttpExceptionFilter } from './http-exception.filter';
import { bodyParserErrorHandler, leanJsonBody, MAX_BODY_BYTES, requireObjectBody } from './json-body';
import { securityHeadersMiddleware } from './security-headers';
import { createValidationPipe } from './validation.pipe';

/**
 * The HTTP conventions of the public contract, applied the same way to every service:
 * JSON object bodies of at most 64 KB, no prototype keys, validation naming each bad
 * field, one error shape, security headers and an `x-correlation-id` on every response.
 * The app must be created with `bodyParser: false` so this parser is the only one.
 */
export function configureHttp(app: NestExpressApplication): void {
  app.use(correlationIdMiddleware);
  app.use(securityHeadersMiddleware());
  app.use(leanJsonBody(MAX_BODY_BYTES)); // the common body; body-parser takes the rest
  app.useBodyParser('json', { limit: MAX_BODY_BYTES, strict: true });
  app.use(bodyParserErrorHandler);
  app.use(requireObjectBody);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.disable('x-powered-by');
}
