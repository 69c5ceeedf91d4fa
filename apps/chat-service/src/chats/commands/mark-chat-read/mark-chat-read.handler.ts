import { MarkChatRead, MarkReadPayload } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, DomainError, HandlesCommand } from '@chat/commands';
import { BlocksRepository } from '../../database/blocks.repository';
import { MembersRepository } from '../../database/members.repository';
import { requireMember } from '../../domain/membership.rules';
import { readMarkTarget } from '../../domain/message.rules';

/**
 * `chat.mark-read`: moves the actor's read mark forward and tells the members. The result's
 * `seq` is the actor's read mark afterwards: a mark at or behind it changes nothing and
 * answers where it stands, with no event. In a private chat whose peer blocked the actor it
 * fails BLOCKED, as a send does: the blocker hears nothing more from them.
 */
@HandlesCommand(MarkChatRead)
export class MarkChatReadHandler implements CommandHandler<MarkReadPayload> {
  constructor(
    private readonly members: MembersRepository,
    private readonly blocks: BlocksRepository,
  ) {}

  async execute(scope: CommandScope, { chatId, seq }: MarkReadPayload): Promise<CommandResult> {
    const { tx, actorId } = scope;
    const actor = requireMember(await this.members.membership(tx, chatId, actorId));
    const memberIds = await this.members.memberIds(tx, chatId);
    if (actor.chatType === 'private') {
      const peers = memberIds.filter((id) => id !== actorId);
      if ((await this.blocks.blockersOf(tx, actorId, peers)).length > 0)
        throw new DomainError('BLOCKED', 'this user has blocked you');
    }
    const target = readMarkTarget(seq, actor);
    if (target === undefined) return { chatId, seq: actor.lastReadSeq };

    await this.members.advanceRead(tx, chatId, actorId, target);
    await scope.emit('chat.read', { chatId, userId: actorId, seq: target }, memberIds);
    return { chatId, seq: target };
  }
}
