import { Controller, Delete, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { UnblockUser } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { UserIdParamDto } from '../../../users/dto/user-id.param.dto';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { KnownUsers } from '../shared/known-users.guard';

/** Keyed by the blocker, as blocks are, so one user's block commands stay in order. */
@ApiTags('users')
@ApiNotFoundResponse({ type: ErrorResponseDto, description: 'The user does not exist.' })
@Controller('users/:id/block')
export class UnblockUserHttpController {
  constructor(
    private readonly commands: ChatCommandPublisher,
    private readonly users: KnownUsers,
  ) {}

  @Delete()
  @Operation('unblockUser', 'Unblock a user')
  @ApiCommand('command.succeeded { userId }.')
  async unblock(@CurrentUser() caller: AuthUser, @Param() params: UserIdParamDto): Promise<CommandAccepted> {
    await this.users.require([params.id]);
    return this.commands.publish(UnblockUser, caller.userId, { actorId: caller.userId, userId: params.id });
  }
}
