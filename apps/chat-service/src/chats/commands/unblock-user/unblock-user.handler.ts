import { Injectable } from '@nestjs/common';
import { BlockUserPayload } from '@chat/contracts';
import { BlocksRepository } from '../../database/blocks.repository';
import { ChatCommandHandler, CommandResult, CommandScope } from '../chat-command.handler';

/** `user.unblock`: lifts the actor's block of the user (none: nothing changes). */
@Injectable()
export class UnblockUserHandler implements ChatCommandHandler<BlockUserPayload> {
  constructor(private readonly blocks: BlocksRepository) {}

  async execute({ tx, actorId }: CommandScope, { userId }: BlockUserPayload): Promise<CommandResult> {
    await this.blocks.unblock(tx, actorId, userId);
    return { userId };
  }
}
