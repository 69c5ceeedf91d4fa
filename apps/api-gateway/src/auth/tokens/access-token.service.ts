import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { AuthConfig } from '../auth.config';
import { InjectAuthConfig } from '../auth.tokens';

/** Claims of an access token: `sub` is the user id. */
export interface AccessClaims {
  sub: string;
  username: string;
  typ: 'access';
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
  async verify(token: string | undefined): Promise<AuthUser> {
    if (!token) throw new UnauthorizedException('missing access token');
    try {
      const claims = await this.jwt.verifyAsync<AccessClaims>(token, {
        secret: this.key,
        algorithms: ['HS256'],
      });
      if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw new Error('not an access token');
      return { userId: claims.sub, username: claims.username };
    } catch {
      throw new UnauthorizedException('invalid or expired access token');
    }
  }
}
