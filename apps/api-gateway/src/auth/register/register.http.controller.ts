import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../../docs/error.response.dto';
import { AuthRateLimitGuard } from '../rate-limit/auth-rate-limit.guard';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { SessionResponseDto } from '../sessions/session.response.dto';
import { RegisterRequestDto } from './register.request.dto';
import { RegisterService } from './register.service';
import { Operation } from '../../docs/operation.decorator';

@ApiTags('auth')
@Controller('auth')
@UseGuards(AuthRateLimitGuard)
export class RegisterHttpController {
  constructor(private readonly service: RegisterService) {}

  @Post('register')
  @Operation('register', 'Create an account and sign in', { public: true })
  @HttpCode(HttpStatus.CREATED)
  @RateLimited('register')
  @ApiCreatedResponse({ type: SessionResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid or unknown fields, each named.' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Username or email taken.' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'Rate limited; see Retry-After.' })
  register(@Body() dto: RegisterRequestDto): Promise<SessionResponseDto> {
    return this.service.register(dto);
  }
}
