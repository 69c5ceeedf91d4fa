import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { UsersModule } from '../users/users.module';
import { authConfigFromEnv, authRateLimitsFromEnv } from './auth.config';
import { AUTH_CONFIG, AUTH_RATE_LIMITS } from './auth.tokens';
import { LoginFailures } from './rate-limit/login-failures';
import { RefreshTokensRepository } from './database/refresh-tokens.repository';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { LoginHttpController } from './login/login.http.controller';
import { LoginService } from './login/login.service';
import { PasswordHasher } from './passwords/password-hasher';
import { AuthRateLimitGuard } from './rate-limit/auth-rate-limit.guard';
import { RegisterHttpController } from './register/register.http.controller';
import { RegisterService } from './register/register.service';
import { SessionsHttpController } from './sessions/sessions.http.controller';
import { SessionsService } from './sessions/sessions.service';
import { AccessTokenService } from './tokens/access-token.service';

/**
 * Authentication: register, login, refresh, logout, and the access tokens every other
 * route (`JwtAuthGuard`) and the WebSocket check. Global, so any module can verify a token.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: AuthModule,
      imports: [JwtModule.register({}), UsersModule],
      controllers: [RegisterHttpController, LoginHttpController, SessionsHttpController],
      providers: [
        { provide: AUTH_CONFIG, useValue: authConfigFromEnv(env) },
        { provide: AUTH_RATE_LIMITS, useValue: authRateLimitsFromEnv(env) },
        AccessTokenService,
        JwtAuthGuard,
        PasswordHasher,
        RefreshTokensRepository,
        SessionsService,
        RegisterService,
        LoginService,
        AuthRateLimitGuard,
        LoginFailures,
      ],
      exports: [AUTH_CONFIG, AccessTokenService, JwtAuthGuard],
    };
  }
}
