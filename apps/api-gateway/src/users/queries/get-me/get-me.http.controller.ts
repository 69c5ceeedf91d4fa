import { Controller, Get, NotFoundException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import { JwtAuthGuard } from '../../../auth/guards/jwt-auth.guard';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { UsersRepository } from '../../database/users.repository';
import { MeView, toMeView } from '../../domain/user.views';
import { MeResponseDto } from '../../dto/user.response.dto';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'Missing, bad or expired access token.' })
@Controller('users/me')
@UseGuards(JwtAuthGuard)
export class GetMeHttpController {
  constructor(private readonly users: UsersRepository) {}

  @Get()
  @Operation('getMe', 'Your own profile')
  @ApiOkResponse({ type: MeResponseDto })
  async get(@CurrentUser() caller: AuthUser): Promise<MeView> {
    const user = await this.users.findById(caller.userId);
    // A valid token for a user that no longer exists.
    if (!user) throw new NotFoundException('user not found');
    return toMeView(user);
  }
}
