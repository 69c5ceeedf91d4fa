import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AddChatMember } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { ChatIdParamDto } from '../../dto/chat-id.param.dto';
import { GroupGrowthLimits } from '../../limits/group-growth.limits';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { KnownUsers } from '../shared/known-users.guard';
import { AddMemberRequestDto } from './add-member.request.dto';

@ApiTags('chats')
@Controller('chats/:id/members')
export class AddChatMemberHttpController {
  constructor(
    private readonly commands: ChatCommandPublisher,
    private readonly users: KnownUsers,
    private readonly growth: GroupGrowthLimits,
  ) {}

  @Post()
  @Operation('addChatMember', 'Add members to a group')
  @ApiCommand('chat.member_added { chatId, userId } to all members (admins of groups only).')
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The user does not exist.' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many users added to groups this hour; see Retry-After.',
  })
  async add(
    @CurrentUser() caller: AuthUser,
    @Param() params: ChatIdParamDto,
    @Body() dto: AddMemberRequestDto,
  ): Promise<CommandAccepted> {
    await this.users.require([dto.userId]);
    this.growth.admitAdd(caller.userId);
    return this.commands.publish(AddChatMember, params.id, {
      actorId: caller.userId,
      chatId: params.id,
      userId: dto.userId,
    });
  }
}
