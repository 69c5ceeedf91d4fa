import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../../docs/error.response.dto';
import { AuthRateLimitGuard } from '../rate-limit/auth-rate-limit.guard';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { SessionResponseDto } from '../sessions/session.response.dto';
import { LoginRequestDto } from './login.request.dto';
import { LoginService } from './login.service';

@ApiTags('auth')
@Controller('auth')
@UseGuards(AuthRateLimitGuard)
export class LoginHttpController {
  constructor(private readonly service: LoginService) {}

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @RateLimited('login')
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Unknown username or wrong password.' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Rate limited; see Retry-After.' })
  login(@Body() dto: LoginRequestDto): Promise<SessionResponseDto> {
    return this.service.login(dto);
  }
}
