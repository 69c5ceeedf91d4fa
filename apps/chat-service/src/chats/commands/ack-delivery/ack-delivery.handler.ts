import { Injectable } from '@nestjs/common';
import { AckDeliveryPayload, Envelope } from '@chat/contracts';
import { Database } from '@chat/db';
import { EventLogWriter } from '@chat/event-log';
import { DeliveryRepository } from '../../database/delivery.repository';
import { MembersRepository } from '../../database/members.repository';
import { normalizeIds } from '../../domain/ids';

/**
 * `delivery.ack`: a device received its user's events up to `seq` (the user's event-log
 * seq). Each chat whose messages from others first reached one of the user's devices gets
 * `chat.delivered { chatId, userId, seq }` (seq = that chat's newest message received).
 *
 * No outcome is stored (the client got no command id) and no claim is needed: the range
 * read starts at the furthest any device had acked before, so a redelivered or repeated
 * ack, or another device catching up, finds nothing new and emits nothing.
 */
@Injectable()
export class AckDeliveryHandler {
  constructor(
    private readonly db: Database,
    private readonly delivery: DeliveryRepository,
    private readonly members: MembersRepository,
    private readonly events: EventLogWriter,
  ) {}

  async handle(command: Envelope<AckDeliveryPayload>): Promise<void> {
    const { actorId, deviceId, seq } = normalizeIds(command.payload);
    const cause = { correlationId: command.correlationId, causationId: command.id };
    await this.db.withTransaction(
      async (tx) => {
        const before = await this.delivery.ackedThrough(tx, actorId);
        // A device cannot have received beyond the log's head; clamping keeps a bogus ack
        // from hiding the receipts of every later message.
        const through = Math.min(seq, await this.delivery.logHead(tx, actorId));
        await this.delivery.recordAck(tx, actorId, deviceId, through);
        if (through <= before) return;

        for (const received of await this.delivery.receivedFromOthers(tx, actorId, before, through)) {
          // False when already marked, or when the user has left the chat since.
          if (!(await this.members.advanceDelivered(tx, received.chatId, actorId, received.seq))) continue;
          await this.events.append(
            tx,
            {
              type: 'chat.delivered',
              data: { chatId: received.chatId, userId: actorId, seq: received.seq },
              recipients: await this.members.memberIds(tx, received.chatId),
            },
            received.chatId,
            cause,
          );
        }
      },
      { name: command.type },
    );
  }
}
