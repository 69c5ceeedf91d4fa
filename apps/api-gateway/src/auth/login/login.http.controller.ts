import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../../docs/error.response.dto';
import { AuthRateLimitGuard } from '../rate-limit/auth-rate-limit.guard';
import { LoginFailures } from '../rate-limit/login-failures';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { SessionResponseDto } from '../sessions/session.response.dto';
import { LoginRequestDto } from './login.request.dto';
import { LoginService } from './login.service';
import { Operation } from '../../docs/operation.decorator';

@ApiTags('auth')
@Controller('auth')
@UseGuards(AuthRateLimitGuard)
export class LoginHttpController {
  constructor(
    private readonly service: LoginService,
    private readonly failures: LoginFailures,
  ) {}

  @Post('login')
  @Operation('login', 'Sign in', { public: true })
  @HttpCode(HttpStatus.OK)
  @RateLimited('login')
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Unknown username or wrong password.' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description:
      'Too many attempts from this address, or failed logins of this username from it; see Retry-After.',
  })
  async login(@Body() dto: LoginRequestDto, @Req() req: Request): Promise<SessionResponseDto> {
    const address = req.ip ?? 'unknown';
    try {
      const session = await this.service.login(dto);
      this.failures.succeeded(dto.username, address);
      return session;
    } catch (err) {
      if (err instanceof UnauthorizedException) this.failures.failed(dto.username, address);
      throw err;
    }
  }
}
