import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { JwtAuthGuard } from '../../../auth/guards/jwt-auth.guard';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { UsersRepository } from '../../database/users.repository';
import { ProfileView, toProfileView } from '../../domain/user.views';
import { ProfileResponseDto } from '../../dto/user.response.dto';
import { UserIdParamDto } from '../../dto/user-id.param.dto';

@ApiTags('users')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('users')
@UseGuards(JwtAuthGuard)
export class GetProfileHttpController {
  constructor(private readonly users: UsersRepository) {}

  @Get(':id/profile')
  @Operation('getProfile', "A user's public profile")
  @ApiOkResponse({ type: ProfileResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: '`id` is not a UUID.' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@Param() params: UserIdParamDto): Promise<ProfileView> {
    const user = await this.users.findById(params.id);
    if (!user) throw new NotFoundException('user not found');
    return toProfileView(user);
  }
}
