import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthConfig } from '../auth.config';
import { InjectAuthConfig } from '../auth.tokens';
import { VerifiedTokens } from './verified-tokens';

/** Claims of an access token: `sub` is the user id. */
export interface AccessClaims {
  sub: string;
  username: string;
  typ: 'access';
  /** Expiry, seconds since the epoch (set by `sign`). */
  exp?: number;
}

/** The authenticated caller, as HTTP guards and the WebSocket see it. */
export interface AuthUser {
  userId: string;
  username: string;
}

/** Signs and verifies the short-lived access tokens (HS256 JWT). */
@Injectable()
export class AccessTokenService {
  /** A KeyObject (see AuthConfig.accessKey), which jsonwebtoken takes as is; the typings only name string | Buffer. */
  private readonly key: Buffer;
  private readonly verified = new VerifiedTokens<AuthUser>();

  constructor(
    private readonly jwt: JwtService,
    @InjectAuthConfig() private readonly config: AuthConfig,
  ) {
    this.key = config.accessKey as unknown as Buffer;
  }

  sign(user: AuthUser): Promise<string> {
    const claims: AccessClaims = { sub: user.userId, username: user.username, typ: 'access' };
    return this.jwt.signAsync(claims, {
      secret: this.key,
      algorithm: 'HS256',
      expiresIn: this.config.accessTtlSeconds,
    });
  }

  /** The token's user, or `UnauthorizedException` for a missing, bad or expired token. */
  // eslint-disable-next-line @typescript-eslint/require-await -- callers await a rejection, not a throw
  async verify(token: string | undefined): Promise<AuthUser> {
    return this.verifySync(token);
  }

  /**
   * `verify` without a promise, for the HTTP guard. A token verified before is answered
   * from memory until its expiry (VerifiedTokens); access tokens are never revoked before
   * it (README "Auth for clients"), so the answer is the same as verifying again.
   */
  verifySync(token: string | undefined): AuthUser {
    if (!token) throw new UnauthorizedException('missing access token');
    const known = this.verified.get(token);
    if (known) return known;
    let claims: AccessClaims;
    try {
      claims = this.jwt.verify<AccessClaims>(token, { secret: this.key, algorithms: ['HS256'] });
    } catch {
      throw new UnauthorizedException('invalid or expired access token');
    }
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') {
      throw new UnauthorizedException('invalid or expired access token');
    }
    const user = { userId: claims.sub, username: claims.username };
    if (typeof claims.exp === 'number') this.verified.set(token, user, claims.exp * 1000);
    return user;
  }
}
