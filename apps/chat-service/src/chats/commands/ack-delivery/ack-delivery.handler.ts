import { AckDelivery, AckDeliveryPayload } from '@chat/contracts';
import { CommandHandler, CommandScope, HandlesCommand } from '@chat/commands';
import { DeliveryRepository } from '../../database/delivery.repository';
import { MembersRepository } from '../../database/members.repository';

/**
 * `delivery.ack`: a device received its user's events up to `seq` (the user's event-log
 * seq). Each chat whose messages from others first reached one of the user's devices gets
 * `chat.delivered { chatId, userId, seq }` (seq = that chat's newest message received).
 *
 * No outcome is stored (the client got no command id) and no claim is needed: the range
 * read starts at the furthest any device had acked before, so a redelivered or repeated
 * ack, or another device catching up, finds nothing new and emits nothing. Events of the
 * batch this ack runs in are stored when the batch ends: the head and the log read here
 * do not hold them yet, and no device can have received them, so nothing is missed.
 */
@HandlesCommand(AckDelivery, { keyedBy: 'actor', claims: false, answers: false })
export class AckDeliveryHandler implements CommandHandler<AckDeliveryPayload> {
  constructor(
    private readonly delivery: DeliveryRepository,
    private readonly members: MembersRepository,
  ) {}

  async execute(scope: CommandScope, { deviceId, seq }: AckDeliveryPayload): Promise<void> {
    const { tx, actorId } = scope;
    const before = await this.delivery.ackedThrough(tx, actorId);
    // A device cannot have received beyond the log's head; clamping keeps a bogus ack
    // from hiding the receipts of every later message.
    const through = Math.min(seq, await this.delivery.logHead(tx, actorId));
    await this.delivery.recordAck(tx, actorId, deviceId, through);
    if (through <= before) return;

    for (const received of await this.delivery.receivedFromOthers(tx, actorId, before, through)) {
      // False when already marked, or when the user has left the chat since.
      if (!(await this.members.advanceDelivered(tx, received.chatId, actorId, received.seq))) continue;
      await scope.emit(
        'chat.delivered',
        { chatId: received.chatId, userId: actorId, seq: received.seq },
        await this.members.memberIds(tx, received.chatId),
        received.chatId,
      );
    }
  }
}
