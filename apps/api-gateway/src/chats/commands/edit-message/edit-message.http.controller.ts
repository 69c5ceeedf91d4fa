import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EditMessage } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { Operation } from '../../../docs/operation.decorator';
import { ChatMessageParamDto } from '../../dto/chat-message.param.dto';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { EditMessageRequestDto } from './edit-message.request.dto';

@ApiTags('chats')
@Controller('chats/:id')
export class EditMessageHttpController {
  constructor(private readonly commands: ChatCommandPublisher) {}

  @Patch('messages/:messageId')
  @Operation('editMessage', 'Edit your message')
  @ApiCommand('message.updated to every member (the sender only may edit).')
  edit(
    @CurrentUser() caller: AuthUser,
    @Param() params: ChatMessageParamDto,
    @Body() dto: EditMessageRequestDto,
  ): Promise<CommandAccepted> {
    return this.commands.publish(EditMessage, params.id, {
      actorId: caller.userId,
      chatId: params.id,
      messageId: params.messageId,
      content: dto.content,
    });
  }
}
