import { Controller, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { BlockUser } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { UserIdParamDto } from '../../../users/dto/user-id.param.dto';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { KnownUsers } from '../shared/known-users.guard';

/** Blocks are keyed by the blocker, so one user's block commands stay in order. */
@ApiTags('users')
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The user does not exist.' })
@Controller('users/:id/block')
export class BlockUserHttpController {
  constructor(
    private readonly commands: ChatCommandPublisher,
    private readonly users: KnownUsers,
  ) {}

  @Post()
  @Operation('blockUser', 'Block a user')
  @ApiCommand('command.succeeded { userId }.')
  async block(@CurrentUser() caller: AuthUser, @Param() params: UserIdParamDto): Promise<CommandAccepted> {
    await this.users.require([params.id]);
    return this.commands.publish(BlockUser, caller.userId, { actorId: caller.userId, userId: params.id });
  }
}
