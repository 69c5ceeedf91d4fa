import { Controller, Delete } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ChatupCancel, TOPICS } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ApiCommand } from '../../../chats/commands/shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../../../chats/commands/shared/chat-command.publisher';
import { Operation } from '../../../docs/operation.decorator';

/** Keyed by the caller, as a request is, so it takes effect after the requests before it. */
@ApiTags('chatup')
@Controller('chatup')
export class CancelChatupHttpController {
  constructor(private readonly commands: ChatCommandPublisher) {}

  @Delete()
  @Operation('cancelChatup', 'Leave the ChatUp pool')
  @ApiCommand(
    "command.succeeded and chatup.cancelled { reason: 'cancelled' }; command.failed NOT_FOUND when not waiting.",
  )
  cancel(@CurrentUser() caller: AuthUser): Promise<CommandAccepted> {
    return this.commands.publish(
      ChatupCancel,
      caller.userId,
      { actorId: caller.userId },
      TOPICS.chatupCommands,
    );
  }
}
