import { Controller, Delete, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DeleteMessage } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { Operation } from '../../../docs/operation.decorator';
import { ChatMessageParamDto } from '../../dto/chat-message.param.dto';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';

@ApiTags('chats')
@Controller('chats/:id')
export class DeleteMessageHttpController {
  constructor(private readonly commands: ChatCommandPublisher) {}

  @Delete('messages/:messageId')
  @Operation('deleteMessage', 'Delete your message')
  @ApiCommand('message.deleted to every member (the sender, or a group admin).')
  remove(@CurrentUser() caller: AuthUser, @Param() params: ChatMessageParamDto): Promise<CommandAccepted> {
    return this.commands.publish(DeleteMessage, params.id, {
      actorId: caller.userId,
      chatId: params.id,
      messageId: params.messageId,
    });
  }
}
