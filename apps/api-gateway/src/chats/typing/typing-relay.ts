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

  /**
   * Relays the typing of `userId` in `chatId`: `not-member` when they are not a member (the
   * chat may not exist), `blocked` in a private chat whose peer blocked them (as a send
   * there fails BLOCKED: the blocker hears nothing more from them), else `relayed`.
   */
  async relay(chatId: string, userId: string): Promise<'relayed' | 'not-member' | 'blocked'> {
    const audience = await this.chats.typingAudience(chatId, userId);
    if (!audience) return 'not-member';
    if (audience.private && audience.others.some((o) => o.blockedSender)) return 'blocked';
    const recipients = audience.others.map((o) => o.userId);
    if (recipients.length === 0) return 'relayed';
    const envelope = ephemeralPush(recipients, 'typing', { chatId, userId }, { correlationId: randomUUID() });
    // Ephemeral: a lost typing indicator is harmless, so the socket is not held up by a failure.
    this.producer.publish(TOPICS.pushEvents, chatId, envelope).catch((err: Error) => {
      this.logger.warn(`typing in chat ${chatId} not relayed: ${err.message}`);
    });
    return 'relayed';
  }
}
