import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/** Requires a valid access token; the caller is then `@CurrentUser()`. Missing, bad or expired: 401. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {}
