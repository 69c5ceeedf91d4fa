import { Injectable } from '@nestjs/common';
import { CHATUP_EVENTS, ChatupCancelPayload } from '@chat/contracts';
import { WaitingPoolRepository } from '../../database/waiting-pool.repository';
import { DomainError } from '../../domain/domain-error';
import { ChatupCommandHandler, ChatupScope } from '../chatup-command.processor';

/** `chatup.cancel`: the actor leaves the pool (`chatup.cancelled`); not waiting is `NOT_FOUND`. */
@Injectable()
export class CancelChatupHandler implements ChatupCommandHandler<ChatupCancelPayload> {
  constructor(private readonly pool: WaitingPoolRepository) {}

  async execute(scope: ChatupScope): Promise<Record<string, unknown>> {
    const entry = await this.pool.take(scope.tx, scope.actorId);
    if (!entry) throw new DomainError('NOT_FOUND', 'you are not waiting for a ChatUp match');
    await scope.emit(CHATUP_EVENTS.cancelled, { requestId: entry.requestId, reason: 'cancelled' });
    return {};
  }
}
