import { CommandHandler, CommandResult, CommandScope, DomainError, HandlesCommand } from '@chat/commands';
import { ChatupCancel, CHATUP_EVENTS, ChatupCancelPayload } from '@chat/contracts';
import { WaitingPoolRepository } from '../../database/waiting-pool.repository';

/** `chatup.cancel`: the actor leaves the pool (`chatup.cancelled`); not waiting is `NOT_FOUND`. */
@HandlesCommand(ChatupCancel, { keyedBy: 'actor' })
export class CancelChatupHandler implements CommandHandler<ChatupCancelPayload> {
  constructor(private readonly pool: WaitingPoolRepository) {}

  async execute(scope: CommandScope): Promise<CommandResult> {
    const entry = await this.pool.take(scope.tx, scope.actorId);
    if (!entry) throw new DomainError('NOT_FOUND', 'you are not waiting for a ChatUp match');
    await scope.emit(CHATUP_EVENTS.cancelled, { requestId: entry.requestId, reason: 'cancelled' }, [
      scope.actorId,
    ]);
    return {};
  }
}
