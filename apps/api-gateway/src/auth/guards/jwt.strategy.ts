import { Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { RequestContext } from '@chat/http';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AuthConfig } from '../auth.config';
import { InjectAuthConfig } from '../auth.tokens';
import type { AccessClaims, AuthUser } from '../tokens/access-token.service';

/** passport-jwt: `Authorization: Bearer <accessToken>`, HS256, expiry enforced. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@InjectAuthConfig() config: AuthConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, which jsonwebtoken takes as is; the typings only name string | Buffer.
      secretOrKey: config.accessKey as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessClaims): AuthUser {
    if (claims.typ !== 'access' || typeof claims.sub !== 'string') throw new UnauthorizedException();
    RequestContext.setUser(claims.sub);
    return { userId: claims.sub, username: claims.username };
  }
}
