import { Injectable } from '@nestjs/common';
import { Envelope, FailureCode } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { EventLogWriter } from '@chat/event-log';
import { normalizeIds } from '../domain/ids';
import { ProcessedCommandsRepository } from '../database/processed-commands.repository';
import { CommandScope } from './chat-command.handler';

/**
 * Answers a command the consumer gave up on (dead-lettered) with `command.failed`, unless
 * it already has an outcome, in a SERIALIZABLE transaction of its own: every accepted
 * command gets exactly one answer. Commands themselves run in batches
 * (CommandBatchProcessor).
 */
@Injectable()
export class CommandProcessor {
  constructor(
    private readonly db: Database,
    private readonly processed: ProcessedCommandsRepository,
    private readonly events: EventLogWriter,
  ) {}

  /**
   * Stores `command.failed` for the actor unless the command already has an outcome: for a
   * rule violation, and for a command the consumer gave up on (dead-lettered), so every
   * accepted command gets exactly one answer.
   */
  async fail<P extends { actorId: string }>(
    command: Envelope<P>,
    pushKey: string,
    code: FailureCode,
    message: string,
  ): Promise<void> {
    const payload = normalizeIds(command.payload);
    await this.db.withTransaction(
      async (tx) => {
        if (!(await this.processed.claim(tx, command.id))) return;
        await this.scope(tx, command, payload.actorId, pushKey).emit(
          'command.failed',
          { commandId: command.id, code, message },
          [payload.actorId],
        );
      },
      { name: `${command.type}.failed` },
    );
  }

  private scope(tx: TxClient, command: Envelope, actorId: string, pushKey: string): CommandScope {
    const cause = { correlationId: command.correlationId, causationId: command.id };
    return {
      tx,
      actorId,
      cause,
      emit: async (type, data, recipients) => {
        await this.events.append(
          tx,
          { type, data: { ...data }, recipients: recipients.map((id) => id.toLowerCase()) },
          pushKey,
          cause,
        );
      },
    };
  }
}
