import { KeyedLogEntry, LogCause } from '@chat/event-log';

/** An event to store, with the outbox shard its push record goes to. */
export interface ShardedLogEntry extends KeyedLogEntry {
  shard: string;
}

/**
 * The events a batch's commands emit, kept in memory until the batch stores them all at
 * once (EventLogWriter.store). A command's events are staged while it runs and kept only
 * if it succeeds: a command that fails a rule rolls back to its savepoint and its staged
 * events go with it. Order is emission order, which becomes each recipient's seq order.
 */
export class BatchEvents {
  private readonly kept: ShardedLogEntry[] = [];
  private staged: ShardedLogEntry[] = [];
  /** The outbox shard of the command emitting now (its partition's): its events' records go there. */
  shard = '';

  emit(type: string, data: object, recipients: readonly string[], pushKey: string, cause: LogCause): void {
    this.staged.push({
      entry: { type, data: { ...data }, recipients: recipients.map((id) => id.toLowerCase()) },
      pushKey,
      cause,
      shard: this.shard,
    });
  }

  /** The staged events stay (the command succeeded, or is answered). */
  keep(): void {
    this.kept.push(...this.staged);
    this.staged = [];
  }

  /** The staged events are dropped (the command's savepoint was rolled back). */
  drop(): void {
    this.staged = [];
  }

  get entries(): readonly ShardedLogEntry[] {
    return this.kept;
  }
}
