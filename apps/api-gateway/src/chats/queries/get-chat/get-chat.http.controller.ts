import { Controller, Get, NotFoundException, Param, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import { JwtAuthGuard } from '../../../auth/guards/jwt-auth.guard';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { ChatView } from '../../database/chat-views';
import { ChatsReadRepository } from '../../database/chats-read.repository';
import { ChatIdParamDto } from '../../dto/chat-id.param.dto';
import { ChatResponseDto } from '../../dto/chat.response.dto';

/** One chat, from the read model. A non-member gets 404, as for a chat that does not exist. */
@ApiTags('chats')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@UseGuards(JwtAuthGuard)
@Controller()
export class GetChatHttpController {
  constructor(private readonly chats: ChatsReadRepository) {}

  @Get('chats/:id')
  @Operation('getChat', 'One of your chats')
  @ApiOkResponse({ type: ChatResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such chat, or the caller is not in it.' })
  async get(@CurrentUser() caller: AuthUser, @Param() params: ChatIdParamDto): Promise<ChatView> {
    const chat = await this.chats.findForMember(params.id, caller.userId);
    if (!chat) throw new NotFoundException('chat not found');
    return chat;
  }
}
