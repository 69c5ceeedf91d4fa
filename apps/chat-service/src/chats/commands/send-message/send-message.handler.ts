import { Injectable } from '@nestjs/common';
import { SendMessagePayload } from '@chat/contracts';
import { BlocksRepository } from '../../database/blocks.repository';
import { ChatsRepository } from '../../database/chats.repository';
import { MembersRepository } from '../../database/members.repository';
import { MessagesRepository } from '../../database/messages.repository';
import { DomainError } from '../../domain/domain-error';
import { requireMember } from '../../domain/membership.rules';
import { ChatCommandHandler, CommandResult, CommandScope } from '../chat-command.handler';

/**
 * `message.send`: stores the message under the chat's next seq and tells every member.
 * The same `clientMessageId` from the same sender again (a client retry, new command id)
 * answers the original `{ messageId, seq }` with no second message or event.
 */
@Injectable()
export class SendMessageHandler implements ChatCommandHandler<SendMessagePayload> {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly members: MembersRepository,
    private readonly messages: MessagesRepository,
    private readonly blocks: BlocksRepository,
  ) {}

  async execute(scope: CommandScope, payload: SendMessagePayload): Promise<CommandResult> {
    const { tx, actorId } = scope;
    const { chatId, clientMessageId, content, kind } = payload;
    const actor = requireMember(await this.members.membership(tx, chatId, actorId));
    // Before the block check: a retry of a send that was stored reports that send, even if
    // the peer blocked the sender since (the peer has the message already).
    const original = await this.messages.findByClientId(tx, chatId, actorId, clientMessageId);
    if (original) return { messageId: original.id, seq: original.seq };

    const memberIds = await this.members.memberIds(tx, chatId);
    if (actor.chatType === 'private') {
      const peers = memberIds.filter((id) => id !== actorId);
      if ((await this.blocks.blockersOf(tx, actorId, peers)).length > 0)
        throw new DomainError('BLOCKED', 'this user has blocked you');
    }

    const seq = await this.chats.nextSeq(tx, chatId);
    const message = await this.messages.insert(tx, {
      chatId,
      seq,
      senderId: actorId,
      clientMessageId,
      kind,
      content,
    });
    // One's own message counts as read: it must not show as unread to its sender.
    await this.members.advanceRead(tx, chatId, actorId, seq);
    await scope.emit('message.created', message, memberIds);
    return { messageId: message.id, seq };
  }
}
