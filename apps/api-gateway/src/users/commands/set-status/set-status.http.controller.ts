import { Body, Controller, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import { JwtAuthGuard } from '../../../auth/guards/jwt-auth.guard';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { PresenceService } from '../../../presence/presence.service';
import { StatusResponseDto } from '../../dto/user.response.dto';
import { SetStatusRequestDto } from './set-status.request.dto';
import { Operation } from '../../../docs/operation.decorator';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('users/me/status')
@UseGuards(JwtAuthGuard)
export class SetStatusHttpController {
  constructor(private readonly presence: PresenceService) {}

  /** Sets the status others see; `presence.changed` follows on the caller's sockets (and, with chats, their peers'). */
  @Put()
  @Operation('setStatus', 'Set your status')
  @ApiOkResponse({ type: StatusResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async set(@CurrentUser() caller: AuthUser, @Body() dto: SetStatusRequestDto): Promise<StatusResponseDto> {
    const view = await this.presence.setStatus(caller.userId, dto.status);
    return { userId: caller.userId, ...view };
  }
}
