import { Injectable, Logger } from '@nestjs/common';
import { Envelope, FailureCode } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { EventLogWriter } from '@chat/event-log';
import { DomainError } from '../domain/domain-error';
import { normalizeIds } from '../domain/ids';
import { ProcessedCommandsRepository } from '../database/processed-commands.repository';
import { ChatCommandHandler, CommandScope } from './chat-command.handler';

/**
 * Runs chat commands exactly once in effect, whatever Kafka redelivers:
 *
 * 1. One SERIALIZABLE transaction claims the command id, applies the handler and stores its
 *    events plus `command.succeeded` for the actor; all of it commits or none does.
 * 2. When a rule says no (`DomainError`), that transaction rolls back and a second one claims
 *    the id and stores `command.failed` for the actor.
 * 3. A command already claimed (a redelivery after a crash) does nothing.
 *
 * Anything else (database or broker away, a bug) is thrown to the Kafka server, which
 * retries transient errors without limit and dead-letters a record that keeps failing.
 */
@Injectable()
export class CommandProcessor {
  private readonly logger = new Logger(CommandProcessor.name);

  constructor(
    private readonly db: Database,
    private readonly processed: ProcessedCommandsRepository,
    private readonly events: EventLogWriter,
  ) {}

  /** `pushKey` keys the resulting push records (the chat, or the actor for user commands). */
  async run<P extends { actorId: string }>(
    command: Envelope<P>,
    pushKey: string,
    handler: ChatCommandHandler<P>,
  ): Promise<void> {
    const payload = normalizeIds(command.payload);
    try {
      await this.db.withTransaction(
        async (tx) => {
          if (!(await this.processed.claim(tx, command.id))) return;
          const scope = this.scope(tx, command, payload.actorId, pushKey);
          const result = await handler.execute(scope, payload);
          await scope.emit('command.succeeded', { commandId: command.id, result }, [payload.actorId]);
        },
        { name: command.type },
      );
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.logger.debug(`${command.type} ${command.id} failed ${err.code}: ${err.message}`);
      await this.fail(command, pushKey, err.code, err.message);
    }
  }

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
