import { Injectable } from '@nestjs/common';
import { Database, TxClient } from '@chat/db';

/**
 * `processed_commands` (in each worker's own schema): the ids of commands whose outcome is
 * stored, so a command Kafka redelivers does nothing the second time.
 */
@Injectable()
export class ProcessedCommandsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the command for this transaction: false when it was processed before. A claim
   * meeting another transaction's uncommitted claim waits for it (or, under SERIALIZABLE,
   * one of them retries) and then finds its row.
   */
  async claim(tx: TxClient, commandId: string): Promise<boolean> {
    return (await this.claimAll(tx, [commandId])).size === 1;
  }

  /**
   * Claims every id in one statement; resolves the ids this transaction claimed (those not
   * processed before). An id twice in the list is claimed once.
   */
  async claimAll(tx: TxClient, commandIds: readonly string[]): Promise<Set<string>> {
    if (commandIds.length === 0) return new Set();
    const { rows } = await tx.query<{ command_id: string }>(
      `INSERT INTO processed_commands (command_id)
         SELECT * FROM unnest($1::UUID[])
       ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
      [commandIds],
    );
    return new Set(rows.map((row) => row.command_id));
  }

  /** Removes up to `limit` ids processed before `cutoff`; resolves how many went. */
  async prune(cutoff: Date, limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM processed_commands WHERE command_id IN (
         SELECT command_id FROM processed_commands WHERE processed_at < $1 ORDER BY processed_at LIMIT $2)`,
      [cutoff, limit],
    );
    return rowCount ?? 0;
  }
}
