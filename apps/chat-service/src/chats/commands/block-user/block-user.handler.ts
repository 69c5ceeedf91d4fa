import { Injectable } from '@nestjs/common';
import { BlockUserPayload } from '@chat/contracts';
import { BlocksRepository } from '../../database/blocks.repository';
import { DomainError } from '../../domain/domain-error';
import { ChatCommandHandler, CommandResult, CommandScope } from '../chat-command.handler';

/**
 * `user.block`: from now on the blocked user cannot message the actor privately, open a
 * private chat with them, or add them to a group. Blocking twice is one block. The blocked
 * user is not told.
 */
@Injectable()
export class BlockUserHandler implements ChatCommandHandler<BlockUserPayload> {
  constructor(private readonly blocks: BlocksRepository) {}

  async execute({ tx, actorId }: CommandScope, { userId }: BlockUserPayload): Promise<CommandResult> {
    if (userId === actorId) throw new DomainError('INVALID', 'you cannot block yourself');
    await this.blocks.block(tx, actorId, userId);
    return { userId };
  }
}
