import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SendMessage } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { Operation } from '../../../docs/operation.decorator';
import { ChatIdParamDto } from '../../dto/chat-id.param.dto';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { SendMessageRequestDto } from './send-message.request.dto';

/** Keyed by chat id, as every message command: one chat's commands take effect in the order of their 202s. */
@ApiTags('chats')
@Controller('chats/:id')
export class SendMessageHttpController {
  constructor(private readonly commands: ChatCommandPublisher) {}

  @Post('messages')
  @Operation('sendMessage', 'Send a message')
  @ApiCommand(
    'command.succeeded { messageId, seq }; message.created to every member. The same clientMessageId again: the same messageId and no new event.',
  )
  send(
    @CurrentUser() caller: AuthUser,
    @Param() params: ChatIdParamDto,
    @Body() dto: SendMessageRequestDto,
  ): Promise<CommandAccepted> {
    return this.commands.publish(SendMessage, params.id, {
      actorId: caller.userId,
      chatId: params.id,
      clientMessageId: dto.clientMessageId,
      content: dto.content,
      kind: dto.type ?? 'text',
    });
  }
}
