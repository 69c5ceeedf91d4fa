import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';

/** The ids of commands whose outcome is stored (`processed_commands`). */
@Injectable()
export class ProcessedCommandsRepository {
  /**
   * Claims the command for this transaction: false when it was processed before (Kafka
   * redelivered it). Two workers claiming at once (a rebalance) conflict, and SERIALIZABLE
   * makes the loser retry and find the winner's row.
   */
  async claim(tx: TxClient, commandId: string): Promise<boolean> {
    const { rows } = await tx.query(
      `INSERT INTO processed_commands (command_id) VALUES ($1)
       ON CONFLICT (command_id) DO NOTHING RETURNING command_id`,
      [commandId],
    );
    return rows.length === 1;
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
}
