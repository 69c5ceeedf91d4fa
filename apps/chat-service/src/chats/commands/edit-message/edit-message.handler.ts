import { EditMessage, EditMessagePayload } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, HandlesCommand } from '@chat/commands';
import { MembersRepository } from '../../database/members.repository';
import { MessagesRepository } from '../../database/messages.repository';
import { requireMember } from '../../domain/membership.rules';
import { requireLiveMessage, requireMayEdit } from '../../domain/message.rules';

/** `message.edit`: the sender replaces a message's content. */
@HandlesCommand(EditMessage)
export class EditMessageHandler implements CommandHandler<EditMessagePayload> {
  constructor(
    private readonly members: MembersRepository,
    private readonly messages: MessagesRepository,
  ) {}

  async execute(
    scope: CommandScope,
    { chatId, messageId, content }: EditMessagePayload,
  ): Promise<CommandResult> {
    const { tx, actorId } = scope;
    requireMember(await this.members.membership(tx, chatId, actorId));
    requireMayEdit(requireLiveMessage(await this.messages.find(tx, chatId, messageId)), actorId);

    const edited = await this.messages.edit(tx, messageId, content);
    await scope.emit('message.updated', edited, await this.members.memberIds(tx, chatId));
    return { messageId };
  }
}
