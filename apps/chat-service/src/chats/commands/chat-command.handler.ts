import { EnvelopeOrigin } from '@chat/contracts';
import { TxClient } from '@chat/db';

/** The `result` of `command.succeeded`. */
export type CommandResult = Record<string, unknown>;

/** What a command handler works with: the command's transaction, its actor, and its events. */
export interface CommandScope {
  readonly tx: TxClient;
  /** The authenticated user who sent the command (lower-case UUID). */
  readonly actorId: string;
  /** Origin of records the command causes: its correlation id, causation = the command id. */
  readonly cause: EnvelopeOrigin;
  /**
   * Stores an event in each recipient's log and queues its push, in this transaction, caused
   * by the command (its correlation id, causation = the command id). The push is keyed by
   * `pushKey`, by default the command's own key (its chat, or the actor for user commands).
   */
  emit(type: string, data: object, recipients: readonly string[], pushKey?: string): Promise<void>;
}

/**
 * One chat command's rules and effects. `execute` runs inside the command's transaction
 * (which may run more than once: only SQL on `scope.tx`, no other side effects), throws a
 * `DomainError` when a rule says no, and resolves the result the actor is told.
 */
export interface ChatCommandHandler<P> {
  execute(scope: CommandScope, payload: P): Promise<CommandResult | void>;
}
