import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { RequestContext } from '@chat/http';
import type { Request } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import stringify from 'safe-stable-stringify';
import type { AuthUser } from '../auth/tokens/access-token.service';
import { IdempotencyKeysRepository, KeyUse } from './idempotency-keys.repository';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** 1–128 printable ASCII characters (API.md "Idempotent commands"). */
const KEY_FORMAT = /^[\x20-\x7e]{1,128}$/;

/**
 * `Idempotency-Key` on a command route: the same key from the same user on the same method
 * and path within 24 h answers the same `202 { commandId }`, and the command is published
 * again under that id, so it takes effect once (the workers claim command ids) even when the
 * first try got a `503` or no answer at all, or is still in progress. Another body under the
 * key is `422`; a request refused with a 4xx gives its key back. Runs after the guards (it
 * needs the caller) and before the handler, which publishes under RequestContext.commandId.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyKeysRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (key === undefined || !request.user) return next.handle();
    if (!KEY_FORMAT.test(key))
      throw new BadRequestException([`${IDEMPOTENCY_HEADER} must be 1 to 128 printable ASCII characters`]);
    const use: KeyUse = {
      userId: request.user.userId,
      key,
      method: request.method,
      path: request.path,
      bodyHash: createHash('sha256')
        .update(stringify(request.body ?? null) ?? 'null')
        .digest('hex'),
    };
    return from(this.keys.reserve(use, randomUUID())).pipe(
      switchMap((reservation) => {
        if (reservation.bodyHash !== use.bodyHash)
          throw new UnprocessableEntityException(`${IDEMPOTENCY_HEADER} was used with another body`);
        const store = RequestContext.current();
        if (store) store.commandId = reservation.commandId;
        return next.handle().pipe(
          catchError((err: unknown) => {
            const refused = err instanceof HttpException && err.getStatus() < 500;
            if (!refused || !reservation.reservedNow) return throwError(() => err);
            return from(this.keys.release(use, reservation.commandId)).pipe(
              switchMap(() => throwError(() => err)),
            );
          }),
        );
      }),
    );
  }
}
