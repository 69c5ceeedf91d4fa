import { Injectable, Logger } from '@nestjs/common';
import { Envelope, EnvelopeOrigin, FailureCode } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { EventLogWriter } from '@chat/event-log';
import { ProcessedCommandsRepository } from '../database/processed-commands.repository';
import { DomainError } from '../domain/domain-error';

/** What a ChatUp command handler works with inside the command's transaction. */
export interface ChatupScope {
  readonly tx: TxClient;
  /** The authenticated user who sent the command (lower-case UUID). */
  readonly actorId: string;
  /** The command's id (the `commandId` its client got). */
  readonly commandId: string;
  /** Origin of records the command causes: its correlation id, causation = the command id. */
  readonly cause: EnvelopeOrigin;
  /** Stores an event in the actor's log and queues its push, in this transaction. */
  emit(type: string, data: object): Promise<void>;
}

/**
 * One ChatUp command's rules and effects. Runs inside the command's transaction (which may
 * run more than once: only SQL on `scope.tx`), throws a `DomainError` when a rule says no,
 * and resolves the `result` of `command.succeeded`.
 */
export interface ChatupCommandHandler<P> {
  execute(scope: ChatupScope, payload: P): Promise<Record<string, unknown>>;
}

/**
 * Runs ChatUp commands exactly once in effect, as the chat worker runs chat commands: one
 * SERIALIZABLE transaction (retried on 40001) claims the command id, applies the handler
 * and stores `command.succeeded` for the actor; a `DomainError` rolls that back and a second
 * transaction stores `command.failed`; a redelivered command does nothing. Any other error
 * goes to the Kafka server, which retries transient ones and dead-letters the rest.
 * Pushes are keyed by the actor, as the commands are.
 */
@Injectable()
export class ChatupCommandProcessor {
  private readonly logger = new Logger(ChatupCommandProcessor.name);

  constructor(
    private readonly db: Database,
    private readonly processed: ProcessedCommandsRepository,
    private readonly events: EventLogWriter,
  ) {}

  async run<P extends { actorId: string }>(
    command: Envelope<P>,
    handler: ChatupCommandHandler<P>,
  ): Promise<void> {
    const payload = { ...command.payload, actorId: command.payload.actorId.toLowerCase() };
    try {
      await this.db.withTransaction(
        async (tx) => {
          if (!(await this.processed.claim(tx, command.id))) return;
          const scope = this.scope(tx, command, payload.actorId);
          const result = await handler.execute(scope, payload);
          await scope.emit('command.succeeded', { commandId: command.id, result });
        },
        { name: command.type },
      );
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      this.logger.debug(`${command.type} ${command.id} failed ${err.code}: ${err.message}`);
      await this.fail(command, err.code, err.message);
    }
  }

  /** Stores `command.failed` for the actor unless the command already has an outcome. */
  async fail<P extends { actorId: string }>(
    command: Envelope<P>,
    code: FailureCode,
    message: string,
  ): Promise<void> {
    const actorId = command.payload.actorId.toLowerCase();
    await this.db.withTransaction(
      async (tx) => {
        if (!(await this.processed.claim(tx, command.id))) return;
        await this.scope(tx, command, actorId).emit('command.failed', {
          commandId: command.id,
          code,
          message,
        });
      },
      { name: `${command.type}.failed` },
    );
  }

  private scope(tx: TxClient, command: Envelope, actorId: string): ChatupScope {
    const cause = { correlationId: command.correlationId, causationId: command.id };
    return {
      tx,
      actorId,
      commandId: command.id,
      cause,
      emit: async (type, data) => {
        await this.events.append(tx, { type, data: { ...data }, recipients: [actorId] }, actorId, cause);
      },
    };
  }
}
