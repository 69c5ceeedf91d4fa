import { Injectable } from '@nestjs/common';
import { BlockUserPayload } from '@chat/contracts';
import { BlocksRepository } from '../../database/blocks.repository';
import { UserBlockEventsPublisher } from '../../events/user-block-events.publisher';
import { ChatCommandHandler, CommandResult, CommandScope } from '../chat-command.handler';

/** `user.unblock`: lifts the actor's block of the user (none: nothing changes) and says so on `user.events`. */
@Injectable()
export class UnblockUserHandler implements ChatCommandHandler<BlockUserPayload> {
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
