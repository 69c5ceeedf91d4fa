import { Injectable } from '@nestjs/common';
import { MarkReadPayload } from '@chat/contracts';
import { MembersRepository } from '../../database/members.repository';
import { requireMember } from '../../domain/membership.rules';
import { readMarkTarget } from '../../domain/message.rules';
import { ChatCommandHandler, CommandResult, CommandScope } from '../chat-command.handler';

/**
 * `chat.mark-read`: moves the actor's read mark forward and tells the members. The result's
 * `seq` is the actor's read mark afterwards: a mark at or behind it changes nothing and
 * answers where it stands, with no event.
 */
@Injectable()
export class MarkChatReadHandler implements ChatCommandHandler<MarkReadPayload> {
  constructor(private readonly members: MembersRepository) {}

  async execute(scope: CommandScope, { chatId, seq }: MarkReadPayload): Promise<CommandResult> {
    const { tx, actorId } = scope;
    const actor = requireMember(await this.members.membership(tx, chatId, actorId));
    const target = readMarkTarget(seq, actor);
    if (target === undefined) return { chatId, seq: actor.lastReadSeq };

    await this.members.advanceRead(tx, chatId, actorId, target);
    await scope.emit(
      'chat.read',
      { chatId, userId: actorId, seq: target },
      await this.members.memberIds(tx, chatId),
    );
    return { chatId, seq: target };
  }
}
