import { EnvelopeOrigin } from '@chat/contracts';
import { TxClient } from '@chat/db';
import { DomainError } from '../domain-error';

/** The `result` of `command.succeeded`. */
export type CommandResult = Record<string, unknown>;

/** What a command handler works with: the command's transaction, its actor, and its events. */
export interface CommandScope {
  readonly tx: TxClient;
  /** The authenticated user who sent the command (lower-case UUID). */
  readonly actorId: string;
  /** The command's id (the `commandId` its client got). */
  readonly commandId: string;
  /** Origin of records the command causes: its correlation id, causation = the command id. */
  readonly cause: EnvelopeOrigin;
  /**
   * Stores an event in each recipient's log and queues its push, in this transaction, caused
   * by the command. The push is keyed by `pushKey`, by default the command's own key (its
   * chat, or the actor for user commands).
   */
  emit(type: string, data: object, recipients: readonly string[], pushKey?: string): Promise<void>;
  /**
   * The command's outcome will be answered by another service, which a record this
   * transaction writes asks to do (a ChatUp match, answered once its chat is open): no
   * `command.succeeded` now.
   */
  deferOutcome(): void;
}

/**
 * One command's rules and effects. `execute` runs inside the command's transaction (which
 * may run more than once: only SQL on `scope.tx`, no other side effects), throws a
 * `DomainError` when a rule says no, and resolves the result the actor is told.
 */
export interface CommandHandler<P> {
  execute(scope: CommandScope, payload: P): Promise<CommandResult | void>;
}

/**
 * A handler that answers its own dead letters (the consumer gave up on a record of its
 * type): in a transaction that claimed the record's id, whatever the command's parties are
 * owed instead of the outcome it would have had. Without it, a dead-lettered command a
 * client sent is answered `command.failed`, and one no client sent is left alone.
 */
export interface AnswersDeadLetters<P> {
  answerDeadLetter(scope: CommandScope, payload: P): Promise<void>;
}

export function answersDeadLetters<P>(
  handler: CommandHandler<P>,
): handler is CommandHandler<P> & AnswersDeadLetters<P> {
  return typeof (handler as Partial<AnswersDeadLetters<P>>).answerDeadLetter === 'function';
}

/** How one command of a set-based run ended. A stored event comes with whom to tell. */
export type SetOutcome =
  | { ok: true; result: CommandResult; events?: { type: string; data: object; recipients: string[] }[] }
  | { ok: false; error: DomainError };

/**
 * A handler that can also apply a run of consecutive commands of its type at once, with a
 * fixed number of statements whatever the run's length (`message.send`). The batch calls
 * `executeAll` for such runs; its outcomes are in the payloads' order.
 */
export interface SetBasedCommandHandler<P> extends CommandHandler<P> {
  executeAll(tx: TxClient, payloads: readonly P[]): Promise<SetOutcome[]>;
}

export function isSetBased<P>(handler: CommandHandler<P>): handler is SetBasedCommandHandler<P> {
  return typeof (handler as Partial<SetBasedCommandHandler<P>>).executeAll === 'function';
}
