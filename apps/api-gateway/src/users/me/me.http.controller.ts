import { Body, Controller, Get, NotFoundException, Patch, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../../auth/guards/current-user.decorator';
import { JwtAuthGuard } from '../../auth/guards/jwt-auth.guard';
import type { AuthUser } from '../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../docs/error.response.dto';
import { UsersRepository } from '../database/users.repository';
import { MeView, toMeView } from '../domain/user.views';
import { UpdateMeRequestDto } from '../dto/update-me.request.dto';
import { MeResponseDto } from '../dto/user.response.dto';
import { UpdateMeService } from './update-me.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing, bad or expired access token.' })
@Controller('users/me')
@UseGuards(JwtAuthGuard)
export class MeHttpController {
  constructor(
    private readonly users: UsersRepository,
    private readonly updateMe: UpdateMeService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeResponseDto })
  async get(@CurrentUser() caller: AuthUser): Promise<MeView> {
    const user = await this.users.findById(caller.userId);
    // A valid token for a user that no longer exists.
    if (!user) throw new NotFoundException('user not found');
    return toMeView(user);
  }

  @Patch()
  @ApiOkResponse({ type: MeResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async update(@CurrentUser() caller: AuthUser, @Body() dto: UpdateMeRequestDto): Promise<MeView> {
    return toMeView(await this.updateMe.update(caller.userId, dto));
  }
}
