import { Controller, Delete, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RemoveChatMember } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { Operation } from '../../../docs/operation.decorator';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { ChatMemberParamDto } from './chat-member.param.dto';

@ApiTags('chats')
@Controller('chats/:id/members')
export class RemoveChatMemberHttpController {
  constructor(private readonly commands: ChatCommandPublisher) {}

  /** An admin removes a member, or a member (any role) leaves with their own id. */
  @Delete(':userId')
  @Operation('removeChatMember', 'Remove a member from a group, or leave it')
  @ApiCommand('chat.member_removed { chatId, userId } to the members and the removed user.')
  remove(@CurrentUser() caller: AuthUser, @Param() params: ChatMemberParamDto): Promise<CommandAccepted> {
    return this.commands.publish(RemoveChatMember, params.id, {
      actorId: caller.userId,
      chatId: params.id,
      userId: params.userId,
    });
  }
}
