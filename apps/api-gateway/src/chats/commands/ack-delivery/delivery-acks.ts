import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AckDelivery, createEnvelope, TOPICS } from '@chat/contracts';
import { EnvelopeProducer } from '@chat/kafka';
import { randomUUID } from 'node:crypto';

/** How long acks are gathered before they are sent: a busy socket acks often. */
const FLUSH_MS = 100;

interface PendingAck {
  userId: string;
  deviceId: string;
  seq: number;
}

/**
 * Devices' delivery receipts (`ack` frames, `/sync?after=&deviceId=`), sent to the chat
 * worker as `delivery.ack` commands keyed by user. Acks are cumulative, so only the highest
 * per device is sent per flush, and one lost in a crash is made good by the device's next.
 */
@Injectable()
export class DeliveryAcks implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryAcks.name);
  private pending = new Map<string, PendingAck>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly producer: EnvelopeProducer) {}

  ack(userId: string, deviceId: string, seq: number): void {
    const key = `${userId}/${deviceId}`;
    const known = this.pending.get(key);
    if (!known || known.seq < seq) this.pending.set(key, { userId, deviceId, seq });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.flush();
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    await Promise.all(
      batch.map(async ({ userId, deviceId, seq }) => {
        const envelope = createEnvelope(
          AckDelivery.type,
          AckDelivery.version,
          { actorId: userId, deviceId, seq },
          { correlationId: randomUUID() },
        );
        await this.producer.publish(TOPICS.chatCommands, userId, envelope).catch((err: Error) => {
          this.logger.warn(`delivery ack of user ${userId} device ${deviceId} not sent: ${err.message}`);
        });
      }),
    );
  }
}
