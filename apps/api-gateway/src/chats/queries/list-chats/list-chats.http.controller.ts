import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentUser } from '../../../auth/guards/current-user.decorator';
import { JwtAuthGuard } from '../../../auth/guards/jwt-auth.guard';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { Operation } from '../../../docs/operation.decorator';
import { ChatView } from '../../database/chat-views';
import { ChatsReadRepository } from '../../database/chats-read.repository';
import { ChatResponseDto } from '../../dto/chat.response.dto';

/** The caller's chats, answered from the read model (never through Kafka). */
@ApiTags('chats')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@UseGuards(JwtAuthGuard)
@Controller()
export class ListChatsHttpController {
  constructor(private readonly chats: ChatsReadRepository) {}

  @Get('users/me/chats')
  @Operation('listChats', 'Your chats, with their last message and unread count')
  @ApiOkResponse({ type: [ChatResponseDto] })
  list(@CurrentUser() caller: AuthUser): Promise<ChatView[]> {
    return this.chats.listForUser(caller.userId);
  }
}
