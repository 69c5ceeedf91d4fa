import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { RequestContext } from '@chat/http';
import type { Request } from 'express';
import { AccessTokenService, type AuthUser } from '../tokens/access-token.service';

/** `Authorization: Bearer <token>`, the scheme in any case; undefined without one. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const match = header ? /^\s*(\S+)\s+(\S+)/.exec(header) : null;
  return match && match[1].toLowerCase() === 'bearer' ? match[2] : undefined;
}

/**
 * Requires a valid access token; the caller is then `@CurrentUser()`. Missing, bad or
 * expired: 401. Verifies with AccessTokenService directly (no passport strategy and no
 * promise per request): the token cache makes a known token a map lookup.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly tokens: AccessTokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const user = this.tokens.verifySync(bearerTokenOf(request.headers.authorization));
    RequestContext.setUser(user.userId);
    request.user = user;
    return true;
  }
}
