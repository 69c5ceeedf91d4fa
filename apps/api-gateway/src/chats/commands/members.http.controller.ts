import { Body, Controller, Delete, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AddChatMember, RemoveChatMember } from '@chat/contracts';
import { CurrentUser } from '../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../docs/error.response.dto';
import { AddMemberRequestDto, ChatIdParamDto, ChatMemberParamDto } from '../dto/chat-commands.request.dto';
import { ApiCommand } from './api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from './chat-command.publisher';
import { GroupGrowthLimits } from '../limits/group-growth.limits';
import { KnownUsers } from './known-users.guard';

@ApiTags('chats')
@Controller('chats/:id/members')
export class MembersHttpController {
  constructor(
    private readonly commands: ChatCommandPublisher,
    private readonly users: KnownUsers,
    private readonly growth: GroupGrowthLimits,
  ) {}

  @Post()
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

  /** An admin removes a member, or a member (any role) leaves with their own id. */
  @Delete(':userId')
  @ApiCommand('chat.member_removed { chatId, userId } to the members and the removed user.')
  remove(@CurrentUser() caller: AuthUser, @Param() params: ChatMemberParamDto): Promise<CommandAccepted> {
    return this.commands.publish(RemoveChatMember, params.id, {
      actorId: caller.userId,
      chatId: params.id,
      userId: params.userId,
    });
  }
}
