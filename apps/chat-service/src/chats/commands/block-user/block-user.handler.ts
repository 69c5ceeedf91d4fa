import { BlockUser, BlockUserPayload } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, DomainError, HandlesCommand } from '@chat/commands';
import { BlocksRepository } from '../../database/blocks.repository';
import { UserBlockEventsPublisher } from '../../events/user-block-events.publisher';

/**
 * `user.block`: from now on the blocked user cannot message the actor privately, open a
 * private chat with them, or add them to a group, and ChatUp never pairs the two (it learns
 * of the block from `user.blocked`). Blocking twice is one block. The blocked user is not told.
 */
@HandlesCommand(BlockUser, { keyedBy: 'actor' })
export class BlockUserHandler implements CommandHandler<BlockUserPayload> {
  constructor(
    private readonly blocks: BlocksRepository,
    private readonly events: UserBlockEventsPublisher,
  ) {}

  async execute({ tx, actorId, cause }: CommandScope, { userId }: BlockUserPayload): Promise<CommandResult> {
    if (userId === actorId) throw new DomainError('INVALID', 'you cannot block yourself');
    await this.blocks.block(tx, actorId, userId);
    // Published even when the block existed: the projection's upsert makes a repeat harmless.
    await this.events.blocked(tx, { blockerId: actorId, blockedId: userId }, cause);
    return { userId };
  }
}
