import { Injectable, Logger } from '@nestjs/common';
import { ephemeralPush, TOPICS } from '@chat/contracts';
import { EnvelopeProducer } from '@chat/kafka';
import { randomUUID } from 'node:crypto';
import { ChatsReadRepository } from '../database/chats-read.repository';

/**
 * Relays `typing { chatId, userId }` to the chat's other members, wherever their sockets
 * are: an ephemeral push (no seq, not stored) on `push.events`, which every gateway reads.
 */
@Injectable()
export class TypingRelay {
  private readonly logger = new Logger(TypingRelay.name);

  constructor(
    private readonly chats: ChatsReadRepository,
    private readonly producer: EnvelopeProducer,
  ) {}

  /** False when `userId` is not a member of the chat (it may not exist): nothing is relayed. */
  async relay(chatId: string, userId: string): Promise<boolean> {
    const members = await this.chats.memberIds(chatId);
    if (!members.includes(userId)) return false;
    const recipients = members.filter((id) => id !== userId);
    if (recipients.length === 0) return true;
    const envelope = ephemeralPush(recipients, 'typing', { chatId, userId }, { correlationId: randomUUID() });
    // Ephemeral: a lost typing indicator is harmless, so the socket is not held up by a failure.
    this.producer.publish(TOPICS.pushEvents, chatId, envelope).catch((err: Error) => {
      this.logger.warn(`typing in chat ${chatId} not relayed: ${err.message}`);
    });
    return true;
  }
}
