import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { authConfigFromEnv } from './auth.config';
import { AUTH_CONFIG } from './auth.tokens';
import { AccessTokenService } from './tokens/access-token.service';

/** Authentication: configuration, tokens, the auth routes and the access-token guard. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({})],
      providers: [{ provide: AUTH_CONFIG, useValue: authConfigFromEnv(env) }, AccessTokenService],
      exports: [AUTH_CONFIG, AccessTokenService],
    };
  }
}
