import { Body, Controller, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { CreateGroupChat, CreatePrivateChat, privateChatId } from '@chat/contracts';
import { randomUUID } from 'node:crypto';
import { CurrentUser } from '../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../docs/error.response.dto';
import { CreateGroupChatRequestDto, CreatePrivateChatRequestDto } from '../dto/chat-commands.request.dto';
import { ApiCommand } from './api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from './chat-command.publisher';
import { GroupGrowthLimits } from '../limits/group-growth.limits';
import { KnownUsers } from './known-users.guard';

@ApiTags('chats')
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'A named user does not exist.' })
@Controller('chats')
export class CreateChatHttpController {
  constructor(
    private readonly commands: ChatCommandPublisher,
    private readonly users: KnownUsers,
    private readonly growth: GroupGrowthLimits,
  ) {}

  /** The chat id is derived from the pair, so asking again reaches (and returns) the same chat. */
  @Post('private')
  @ApiCommand('command.succeeded { chatId }; chat.created to both users when new.')
  async createPrivate(
    @CurrentUser() caller: AuthUser,
    @Body() dto: CreatePrivateChatRequestDto,
  ): Promise<CommandAccepted> {
    await this.users.require([dto.userId]);
    const chatId = privateChatId(caller.userId, dto.userId);
    return this.commands.publish(CreatePrivateChat, chatId, {
      actorId: caller.userId,
      chatId,
      userId: dto.userId,
    });
  }

  /** The gateway picks the id, so the command is keyed (ordered) by its chat from the start. */
  @Post('group')
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
    const chatId = randomUUID();
    return this.commands.publish(CreateGroupChat, chatId, {
      actorId: caller.userId,
      chatId,
      name: dto.name,
      memberIds,
    });
  }
}
