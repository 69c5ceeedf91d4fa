import { Injectable } from '@nestjs/common';
import { Database, TxClient } from '@chat/db';

/** `chatup_processed_commands`: ids of ChatUp commands whose outcome is stored. */
@Injectable()
export class ProcessedCommandsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the command for this transaction: false when it was processed before (Kafka
   * redelivered it). Two workers claiming at once conflict; SERIALIZABLE retries the loser.
   */
  async claim(tx: TxClient, commandId: string): Promise<boolean> {
    const { rows } = await tx.query(
      `INSERT INTO chatup_processed_commands (command_id) VALUES ($1)
       ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
      [commandId],
    );
    return rows.length === 1;
  }

  /** Removes up to `limit` ids older than any redelivery Kafka can still make. */
  async prune(retentionSeconds: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM chatup_processed_commands WHERE command_id IN (
         SELECT command_id FROM chatup_processed_commands
          WHERE processed_at < now() - $1::FLOAT8 * INTERVAL '1 second' ORDER BY processed_at LIMIT $2)`,
      [retentionSeconds, limit],
    );
    return rowCount ?? 0;
  }
}
