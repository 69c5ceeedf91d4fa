import { Body, Controller, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { CreatePrivateChat, privateChatId } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { KnownUsers } from '../shared/known-users.guard';
import { CreatePrivateChatRequestDto } from './create-private-chat.request.dto';

@ApiTags('chats')
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'A named user does not exist.' })
@Controller('chats')
export class CreatePrivateChatHttpController {
  constructor(
    private readonly commands: ChatCommandPublisher,
    private readonly users: KnownUsers,
  ) {}

  /** The chat id is derived from the pair, so asking again reaches (and returns) the same chat. */
  @Post('private')
  @Operation('createPrivateChat', 'Open the private chat with a user')
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
}
