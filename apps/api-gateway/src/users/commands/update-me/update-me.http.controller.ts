import { Body, Controller, Patch, UseGuards } from '@nestjs/common';
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
import { Operation } from '../../../docs/operation.decorator';
import { MeView, toMeView } from '../../domain/user.views';
import { MeResponseDto } from '../../dto/user.response.dto';
import { UpdateMeRequestDto } from './update-me.request.dto';
import { UpdateMeService } from './update-me.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing, bad or expired access token.' })
@Controller('users/me')
@UseGuards(JwtAuthGuard)
export class UpdateMeHttpController {
  constructor(private readonly updateMe: UpdateMeService) {}

  @Patch()
  @Operation('updateMe', 'Change your profile')
  @ApiOkResponse({ type: MeResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async update(@CurrentUser() caller: AuthUser, @Body() dto: UpdateMeRequestDto): Promise<MeView> {
    return toMeView(await this.updateMe.update(caller.userId, dto));
  }
}
