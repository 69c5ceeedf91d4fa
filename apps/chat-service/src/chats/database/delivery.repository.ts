import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';

/** The newest message of one chat a user's devices received. */
export interface ReceivedInChat {
  chatId: string;
  seq: number;
}

/**
 * Delivery receipts: `device_receipts` (how far each device got in its user's event log),
 * read against the user's log (`user_events`, `user_event_heads` of libs/event-log).
 */
@Injectable()
export class DeliveryRepository {
  /** The furthest any of the user's devices has acknowledged; 0 before the first ack. */
  async ackedThrough(tx: TxClient, userId: string): Promise<number> {
    const { rows } = await tx.query<{ acked: string | null }>(
      `SELECT max(acked_seq) AS acked FROM device_receipts WHERE user_id = $1`,
      [userId],
    );
    return Number(rows[0]?.acked ?? 0);
  }

  /** The last seq of the user's event log: no device can have received beyond it. */
  async logHead(tx: TxClient, userId: string): Promise<number> {
    const { rows } = await tx.query<{ last_seq: string }>(
      `SELECT last_seq FROM user_event_heads WHERE user_id = $1`,
      [userId],
    );
    return Number(rows[0]?.last_seq ?? 0);
  }

  /** Records the device's ack; an older (reordered) ack never moves it back. */
  async recordAck(tx: TxClient, userId: string, deviceId: string, seq: number): Promise<void> {
    await tx.query(
      `INSERT INTO device_receipts (user_id, device_id, acked_seq) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, device_id)
       DO UPDATE SET acked_seq = GREATEST(device_receipts.acked_seq, excluded.acked_seq), updated_at = now()`,
      [userId, deviceId, seq],
    );
  }

  /**
   * Per chat, the highest message seq among the `message.created` events in the user's log
   * with seq in (`after`, `through`] that others sent (one's own messages need no receipt).
   */
  async receivedFromOthers(
    tx: TxClient,
    userId: string,
    after: number,
    through: number,
  ): Promise<ReceivedInChat[]> {
    const { rows } = await tx.query<{ chat_id: string; seq: string }>(
      `SELECT d->>'chatId' AS chat_id, max((d->>'seq')::INT8) AS seq
         FROM (SELECT COALESCE(e.data, p.data) AS d
                 FROM user_events e LEFT JOIN event_payloads p ON p.id = e.payload_id
                WHERE e.user_id = $1 AND e.seq > $2 AND e.seq <= $3 AND e.type = 'message.created') AS m
        WHERE d->>'senderId' <> $1::TEXT
        GROUP BY d->>'chatId'
        ORDER BY 1`,
      [userId, after, through],
    );
    return rows.map((row) => ({ chatId: row.chat_id, seq: Number(row.seq) }));
  }
}
