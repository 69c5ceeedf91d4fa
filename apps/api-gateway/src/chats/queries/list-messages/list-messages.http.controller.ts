import { Controller, Get, NotFoundException, Param, Query, UseGuards } from '@nestjs/common';
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
import { ChatsReadRepository } from '../../database/chats-read.repository';
import { ChatIdParamDto } from '../../dto/chat-id.param.dto';
import { MessagesPageResponseDto } from '../../dto/chat.response.dto';
import { ListMessagesQueryDto } from './list-messages.query.dto';

/** A chat's messages, newest first, from the read model. A non-member gets 404. */
@ApiTags('chats')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@UseGuards(JwtAuthGuard)
@Controller()
export class ListMessagesHttpController {
  constructor(private readonly chats: ChatsReadRepository) {}

  @Get('chats/:id/messages')
  @Operation('listMessages', "A chat's messages, newest first")
  @ApiOkResponse({ type: MessagesPageResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such chat, or the caller is not in it.' })
  async messages(
    @CurrentUser() caller: AuthUser,
    @Param() params: ChatIdParamDto,
    @Query() query: ListMessagesQueryDto,
  ): Promise<MessagesPageResponseDto> {
    if (!(await this.chats.isMember(params.id, caller.userId))) throw new NotFoundException('chat not found');
    const limit = query.limit ?? 50;
    const page = await this.chats.messages(params.id, query.beforeSeq, limit + 1);
    const messages = page.slice(0, limit);
    const more = page.length > limit;
    return { messages, nextBeforeSeq: more ? messages[messages.length - 1].seq : null };
  }
}
