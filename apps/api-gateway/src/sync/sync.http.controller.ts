import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { EventLogReader, EventPage } from '@chat/event-log';
import { CurrentUser } from '../auth/guards/current-user.decorator';
import { JwtAuthGuard } from '../auth/guards/jwt-auth.guard';
import type { AuthUser } from '../auth/tokens/access-token.service';
import { DeliveryAcks } from '../chats/commands/ack-delivery/delivery-acks';
import { ErrorResponseDto } from '../docs/error.response.dto';
import { SyncQueryDto } from './sync.request.dto';
import { SyncPageResponseDto } from './sync.response.dto';
import { Operation } from '../docs/operation.decorator';

/** `GET /sync`: every stored event for the caller after `after`, in order. */
@ApiTags('sync')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@UseGuards(JwtAuthGuard)
@Controller('sync')
export class SyncHttpController {
  constructor(
    private readonly log: EventLogReader,
    private readonly acks: DeliveryAcks,
  ) {}

  @Get()
  @Operation('sync', 'Your stored events after a seq, to catch up')
  @ApiOkResponse({ type: SyncPageResponseDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async sync(@CurrentUser() caller: AuthUser, @Query() query: SyncQueryDto): Promise<EventPage> {
    const after = query.after ?? 0;
    if (query.deviceId && after > 0) this.acks.ack(caller.userId, query.deviceId, after);
    return this.log.page(caller.userId, after, query.limit ?? 500);
  }
}
