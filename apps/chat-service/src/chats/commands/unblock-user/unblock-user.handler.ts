import { BlockUserPayload, UnblockUser } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, HandlesCommand } from '@chat/commands';
import { BlocksRepository } from '../../database/blocks.repository';
import { UserBlockEventsPublisher } from '../../events/user-block-events.publisher';

/** `user.unblock`: lifts the actor's block of the user (none: nothing changes) and says so on `user.events`. */
@HandlesCommand(UnblockUser, { keyedBy: 'actor' })
export class UnblockUserHandler implements CommandHandler<BlockUserPayload> {
  constructor(
    private readonly blocks: BlocksRepository,
    private readonly events: UserBlockEventsPublisher,
  ) {}

  async execute({ tx, actorId, cause }: CommandScope, { userId }: BlockUserPayload): Promise<CommandResult> {
    await this.blocks.unblock(tx, actorId, userId);
    await this.events.unblocked(tx, { blockerId: actorId, blockedId: userId }, cause);
    return { userId };
  }
}
