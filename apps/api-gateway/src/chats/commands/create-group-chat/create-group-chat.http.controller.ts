import { Body, Controller, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CreateGroupChat } from '@chat/contracts';
import { RequestContext } from '@chat/http';
import { randomUUID } from 'node:crypto';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { GroupGrowthLimits } from '../../limits/group-growth.limits';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { KnownUsers } from '../shared/known-users.guard';
import { CreateGroupChatRequestDto } from './create-group-chat.request.dto';

@ApiTags('chats')
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'A named user does not exist.' })
@Controller('chats')
export class CreateGroupChatHttpController {
  constructor(
    private readonly commands: ChatCommandPublisher,
    private readonly users: KnownUsers,
    private readonly growth: GroupGrowthLimits,
  ) {}

  /**
   * The gateway picks the id, so the command is keyed (ordered) by its chat from the start.
   * Under an Idempotency-Key the id is the key's command id: every try names the same group,
   * on the same partition.
   */
  @Post('group')
  @Operation('createGroupChat', 'Create a group chat')
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Too many groups created, or users added to groups, this hour; see Retry-After.',
  })
  @ApiCommand('command.succeeded { chatId }; chat.created to all members; the creator is admin.')
  async createGroup(
    @CurrentUser() caller: AuthUser,
    @Body() dto: CreateGroupChatRequestDto,
  ): Promise<CommandAccepted> {
    await this.users.require(dto.memberIds);
    const memberIds = [...new Set(dto.memberIds)];
    this.growth.admitGroup(caller.userId, memberIds.filter((id) => id !== caller.userId).length);
    const chatId = RequestContext.current()?.commandId ?? randomUUID();
    return this.commands.publish(CreateGroupChat, chatId, {
      actorId: caller.userId,
      chatId,
      name: dto.name,
      memberIds,
    });
  }
}
