import { BadRequestException, Body, Controller, NotFoundException, Post, UseGuards } from '@nestjs/common';
import { ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ChatupRequest, TOPICS } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ApiCommand } from '../../../chats/commands/shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../../../chats/commands/shared/chat-command.publisher';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { UsersRepository } from '../../../users/database/users.repository';
import { ChatupRateLimitGuard } from './chatup-rate-limit.guard';
import { ChatupRequestDto } from './chatup-request.request.dto';

/**
 * Published to `chatup.commands` keyed by the caller, as a cancel is, so one user's
 * requests and cancels take effect in the order of their `202`s.
 */
@ApiTags('chatup')
@Controller('chatup')
export class RequestChatupHttpController {
  constructor(
    private readonly commands: ChatCommandPublisher,
    private readonly users: UsersRepository,
  ) {}

  // Guards run in order: JwtAuthGuard (from ApiCommand) first, then the per-user limit.
  @Post()
  @Operation('requestChatup', 'Ask to be matched with someone sharing your interests')
  @UseGuards(ChatupRateLimitGuard)
  @ApiCommand(
    "command.succeeded { status: 'matched' } then chatup.matched { chatId, partner, commonTags }, " +
      "or command.succeeded { status: 'waiting', expiresAt } then chatup.matched or chatup.expired.",
  )
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Over CHATUP_RATE_LIMIT_PER_MINUTE; see Retry-After.',
  })
  async request(@CurrentUser() caller: AuthUser, @Body() dto: ChatupRequestDto): Promise<CommandAccepted> {
    const user = await this.users.findById(caller.userId);
    if (!user) throw new NotFoundException('user not found');
    // Absent: the profile's tags (stored normalised).
    const tags = dto.tags ?? user.tags;
    if (tags.length === 0)
      throw new BadRequestException([
        'tags must hold at least one tag: none were given and the profile has none',
      ]);
    return this.commands.publish(
      ChatupRequest,
      caller.userId,
      { actorId: caller.userId, username: user.username, displayName: user.displayName, tags },
      TOPICS.chatupCommands,
    );
  }
}
