import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../../docs/error.response.dto';
import { AuthRateLimitGuard } from '../rate-limit/auth-rate-limit.guard';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { RefreshTokenRequestDto } from './refresh-token.request.dto';
import { TokenPairResponseDto } from './session.response.dto';
import { SessionsService, TokenPair } from './sessions.service';
import { Operation } from '../../docs/operation.decorator';

/** Refresh (rotation) and logout. Both take the refresh token, never the access token. */
@ApiTags('auth')
@Controller('auth')
@UseGuards(AuthRateLimitGuard)
export class SessionsHttpController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('refresh')
  @Operation('refreshSession', 'Trade a refresh token for new tokens', { public: true })
  @HttpCode(HttpStatus.OK)
  @RateLimited('refresh')
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({
    type: ErrorResponseDto,
    description: 'Unknown, expired or revoked token; a reused (spent) token also revokes its whole family.',
  })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Rate limited; see Retry-After.' })
  refresh(@Body() dto: RefreshTokenRequestDto): Promise<TokenPair> {
    return this.sessions.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Operation('logout', "Sign out: revoke the login's refresh tokens", { public: true })
  @HttpCode(HttpStatus.NO_CONTENT)
  @RateLimited('logout')
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Rate limited; see Retry-After.' })
  @ApiNoContentResponse({
    description: "The token's family is revoked; access tokens live out their short life.",
  })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  logout(@Body() dto: RefreshTokenRequestDto): Promise<void> {
    return this.sessions.logout(dto.refreshToken);
  }
}
