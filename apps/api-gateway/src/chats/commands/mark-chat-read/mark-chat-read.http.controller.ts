import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MarkChatRead } from '@chat/contracts';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { Operation } from '../../../docs/operation.decorator';
import { ChatIdParamDto } from '../../dto/chat-id.param.dto';
import { ApiCommand } from '../shared/api-command.decorator';
import { ChatCommandPublisher, CommandAccepted } from '../shared/chat-command.publisher';
import { MarkReadRequestDto } from './mark-read.request.dto';

@ApiTags('chats')
@Controller('chats/:id')
export class MarkChatReadHttpController {
  constructor(private readonly commands: ChatCommandPublisher) {}

  @Post('read')
  @Operation('markChatRead', 'Mark a chat read up to a seq')
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
