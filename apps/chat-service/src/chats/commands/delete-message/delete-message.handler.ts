import { DeleteMessage, DeleteMessagePayload } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, HandlesCommand } from '@chat/commands';
import { MembersRepository } from '../../database/members.repository';
import { MessagesRepository } from '../../database/messages.repository';
import { requireMember } from '../../domain/membership.rules';
import { requireLiveMessage, requireMayDelete } from '../../domain/message.rules';

/** `message.delete`: the sender, or a group admin, deletes a message (its seq stays). */
@HandlesCommand(DeleteMessage)
export class DeleteMessageHandler implements CommandHandler<DeleteMessagePayload> {
  constructor(
    private readonly members: MembersRepository,
    private readonly messages: MessagesRepository,
  ) {}

  async execute(scope: CommandScope, { chatId, messageId }: DeleteMessagePayload): Promise<CommandResult> {
    const { tx, actorId } = scope;
    const actor = requireMember(await this.members.membership(tx, chatId, actorId));
    requireMayDelete(requireLiveMessage(await this.messages.find(tx, chatId, messageId)), actor, actorId);

    const deleted = await this.messages.softDelete(tx, messageId);
    await scope.emit('message.deleted', deleted, await this.members.memberIds(tx, chatId));
    return { messageId };
  }
}
