import { Body, Controller, Delete, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DeleteMessage, EditMessage, MarkChatRead, SendMessage } from '@chat/contracts';
import { CurrentUser } from '../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../auth/tokens/access-token.service';
import {
  ChatIdParamDto,
  ChatMessageParamDto,
  EditMessageRequestDto,
  MarkReadRequestDto,
  SendMessageRequestDto,
} from '../dto/chat-commands.request.dto';
import { ApiCommand } from './api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from './chat-command.publisher';

/** Message commands, keyed by chat id: one chat's commands take effect in the order of their 202s. */
@ApiTags('chats')
@Controller('chats/:id')
export class MessagesHttpController {
  constructor(private readonly commands: ChatCommandPublisher) {}

  @Post('messages')
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

  @Patch('messages/:messageId')
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

  @Delete('messages/:messageId')
  @ApiCommand('message.deleted to every member (the sender, or a group admin).')
  remove(@CurrentUser() caller: AuthUser, @Param() params: ChatMessageParamDto): Promise<CommandAccepted> {
    return this.commands.publish(DeleteMessage, params.id, {
      actorId: caller.userId,
      chatId: params.id,
      messageId: params.messageId,
    });
  }

  @Post('read')
  @ApiCommand('chat.read { chatId, userId, seq } to every member.')
  read(
    @CurrentUser() caller: AuthUser,
    @Param() params: ChatIdParamDto,
    @Body() dto: MarkReadRequestDto,
  ): Promise<CommandAccepted> {
    return this.commands.publish(MarkChatRead, params.id, {
      actorId: caller.userId,
      chatId: params.id,
      seq: dto.seq,
    });
  }
}
