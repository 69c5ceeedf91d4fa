import { Injectable, Logger } from '@nestjs/common';
import {
  CommandHandlers,
  CommandRoute,
  CommandScope,
  DomainError,
  isSetBased,
  ProcessedCommandsRepository,
  pushKeyOf,
  RoutedHandler,
  SetBasedCommandHandler,
  SetOutcome,
} from '@chat/commands';
import { Envelope, TOPICS } from '@chat/contracts';
import { Database, TxClient, TxOptions } from '@chat/db';
import { EventLogWriter } from '@chat/event-log';
import { InjectServiceEnv, positiveIntFromEnv } from '@chat/config';
import { PartitionOutbox, PendingRecords } from '@chat/outbox';
import { normalizeIds } from '../../domain/ids';
import { BatchEvents } from './batch-events';
import { CommandBatchMetrics } from './command-batch.metrics';
import { QueuedRun, RunGroups } from './run-groups';

type Command = Envelope<Record<string, unknown> & { actorId?: string }>;

/**
 * Runs runs of chat commands, each from one partition and in its partition's order, exactly
 * once in effect whatever Kafka redelivers. The runs of the partitions this instance
 * consumes at once are grouped (RunGroups), and a group is ONE transaction (READ COMMITTED
 * by default, see isolationFrom below); a group holds at most one run of a partition, because a
 * partition's next run is handed over only after this one resolved:
 *
 * 1. One statement claims every command id; a command already claimed (a redelivery
 *    after a crash, or the same record twice) does nothing.
 * 2. Consecutive commands of a set-based type (`message.send`, SendMessageHandler) run
 *    together with one `executeAll`; any other command runs its handler inside a savepoint, so a rule failure (`DomainError`) rolls back that command
 *    alone and answers it `command.failed` while the others go on.
 * 3. Every event of the group, `command.succeeded` / `command.failed` included, is stored
 *    in its recipients' logs at the end with three statements, and its push record goes to
 *    the outbox shard of the partition its command came from.
 * 4. After COMMIT the owner publishes those records itself (PartitionOutbox) and only then
 *    resolves, so the consumer moves its offsets past commands whose pushes are out.
 *
 * A 40001 reruns the whole transaction (Database.withTransaction). When a group of several
 * runs fails otherwise, each run is retried alone, so the error reaches the Kafka server of
 * the run that caused it; the server retries transient errors and splits a run to isolate
 * and dead-letter a poison record.
 */
/**
 * Why READ COMMITTED keeps every invariant the runs touch (CHAT_COMMANDS_ISOLATION=
 * serializable runs them as before, for comparison; docs/benchmarks.md measures both).
 * Under PostgreSQL's SERIALIZABLE, runs of different chats abort each other through
 * page-level predicate locks on shared index pages, though they share no row.
 *
 * - One outcome per command: the claim is `INSERT … ON CONFLICT DO NOTHING` on the command
 *   id. A claim meeting another transaction's uncommitted row waits for it, then does
 *   nothing if it committed: exactly one transaction ever claims an id.
 * - Gap-free per-chat seqs, committed in seq order: `UPDATE chats SET last_seq = last_seq + n`
 *   locks the row until COMMIT, and a waiting update re-reads the committed value (READ
 *   COMMITTED re-evaluates the row), so ranges never overlap and are used iff their
 *   transaction commits (the messages are in it); the next range's transaction can only
 *   take its range after the previous one committed.
 * - Gap-free per-user seqs in commit order: the same argument for the heads' upsert
 *   (`ON CONFLICT DO UPDATE SET last_seq = last_seq + n`); heads are locked in sorted order.
 * - Commands of one chat in partition order, rules read against their current state: a
 *   chat's membership, messages and read marks change only through commands of its own
 *   partition, which one owner runs one run at a time. When two owners overlap (a zombie
 *   during a rebalance), the newer one's runs start at the last committed offset, so its
 *   first run's claim statement meets the older one's uncommitted claims and waits for
 *   its COMMIT; every later statement of the run sees what it committed.
 * - Blocks are written by the blocker's commands (another partition) and read by sends,
 *   group creates and adds. A send that read "not blocked" and commits after a concurrent
 *   block is equivalent to the send ordered first: the block reads nothing a send writes.
 *   PostgreSQL's SERIALIZABLE allows exactly this too (one rw-dependency, no cycle).
 * - Delivery acks (keyed by the acking user) read other partitions' events and heads: they
 *   only clamp to what is committed, and their `delivered_seq` update is a conditional
 *   row update (`< seq`), which never moves a mark back.
 *
 * Tried by: test/chat-service/concurrent-sends.int-spec.ts (two instances apply the same
 * runs at once), test/faults/worker-crash.fault-spec.ts (kills inside runs; chat and user
 * seqs gap-free, one outcome each) and test/faults/serialization-conflicts.fault-spec.ts
 * (runs of many chats racing on the same users' heads).
 */
function isolationFrom(env: NodeJS.ProcessEnv): TxOptions['isolation'] {
  return env.CHAT_COMMANDS_ISOLATION === 'serializable' ? 'serializable' : 'read committed';
}

/** One partition's run, as the Kafka server hands it over. */
interface PartitionRun {
  commands: readonly Command[];
  shard: string;
}

/** A command of a group, with the outbox shard of the partition it came from. */
interface GroupCommand {
  command: Command;
  shard: string;
}

@Injectable()
export class CommandBatchProcessor {
  private readonly logger = new Logger(CommandBatchProcessor.name);
  /**
   * Runs of different partitions that arrive while a group's transaction is under way go
   * into the next one together (group commit): at most CHAT_RUNS_IN_FLIGHT transactions at
   * once, each of up to CHAT_BATCH_MAX_COMMANDS commands. A transaction costs a dozen
   * round trips whatever its length, so a few long ones beat many short ones; partitions of
   * one fetch arrive within a millisecond of each other.
   */
  private readonly groups: RunGroups<PartitionRun>;
  /** The settings it runs with (`CHAT_RUNS_IN_FLIGHT`, `CHAT_BATCH_MAX_COMMANDS`, `CHAT_COMMANDS_ISOLATION`). */
  readonly settings: { runsInFlight: number; maxCommands: number; isolation: TxOptions['isolation'] };

  constructor(
    private readonly db: Database,
    private readonly processed: ProcessedCommandsRepository,
    private readonly log: EventLogWriter,
    private readonly outbox: PartitionOutbox,
    private readonly handlers: CommandHandlers,
    private readonly metrics: CommandBatchMetrics,
    @InjectServiceEnv() env: NodeJS.ProcessEnv,
  ) {
    this.settings = {
      runsInFlight: positiveIntFromEnv(env, 'CHAT_RUNS_IN_FLIGHT', 1),
      maxCommands: positiveIntFromEnv(env, 'CHAT_BATCH_MAX_COMMANDS', 256),
      isolation: isolationFrom(env),
    };
    const { runsInFlight, maxCommands } = this.settings;
    this.groups = new RunGroups<PartitionRun>(runsInFlight, maxCommands, (group) => this.runGroup(group));
  }

  /**
   * Applies one partition's run, resolving once it is committed and its pushes are
   * published; rejects with the run's own error (a run grouped with others that failed is
   * retried alone first, so an error is never blamed on another partition's record).
   */
  process(commands: readonly Command[], shard: string): Promise<void> {
    return this.groups.submit({ commands, shard }, commands.length);
  }

  /** Settles every run of the group: one transaction for all, or, if that fails, one each. */
  private async runGroup(group: QueuedRun<PartitionRun>[]): Promise<void> {
    const committed = await this.commit(group.map((q) => q.run)).then(
      (pending) => ({ pending }),
      (err: unknown) => ({ err }),
    );
    if ('pending' in committed) {
      // Published after COMMIT, all the group's records in one produce; a failure here
      // (the broker away past the publish's retries) leaves them in the outbox for the
      // sweep or the next owner, and every run's offsets stay where they were.
      await this.outbox.publish(committed.pending).then(
        () => group.forEach((q) => q.resolve()),
        (err: unknown) => group.forEach((q) => q.reject(err)),
      );
      return;
    }
    if (group.length === 1) return group[0].reject(committed.err);
    this.logger.warn(
      `a group of ${group.length} runs failed (${(committed.err as Error).message}); running each alone`,
    );
    for (const queued of group) await this.runGroup([queued]);
  }

  /** The group's transaction; resolves the push records to publish once it committed. */
  private async commit(runs: readonly PartitionRun[]): Promise<PendingRecords> {
    const commands = runs.flatMap((run) => run.commands.map((command) => ({ command, shard: run.shard })));
    const ended = this.metrics.started(commands.length);
    try {
      const { pending, skipped } = await this.db.withTransaction((tx) => this.apply(tx, commands), {
        name: `chat.commands run of ${commands.length}`,
        isolation: this.settings.isolation,
      });
      this.metrics.skipped(skipped);
      return pending;
    } finally {
      ended();
    }
  }

  /** The transaction's body, in the runs' order (each run in its partition's order). */
  private async apply(
    tx: TxClient,
    commands: readonly GroupCommand[],
  ): Promise<{ pending: PendingRecords; skipped: number }> {
    const events = new BatchEvents();
    const claimable = new Set(
      commands
        .filter(({ command: c }) => this.handlers.get(c.type).route.claims)
        .map(({ command: c }) => c.id),
    );
    const claimed = await this.processed.claimAll(tx, [...claimable]);
    const skipped = claimable.size - claimed.size;
    // Consecutive commands of one set-based type, waiting to run together.
    let pending: { routed: RoutedHandler; items: GroupCommand[] } | undefined;
    for (const item of commands) {
      const routed = this.handlers.get(item.command.type);
      // `delete`: a second record of the same command in this run is not run again.
      if (routed.route.claims && !claimed.delete(item.command.id)) continue;
      if (pending && pending.routed !== routed) {
        await this.runSet(tx, pending.routed, pending.items, events);
        pending = undefined;
      }
      if (isSetBased(routed.handler)) {
        pending ??= { routed, items: [] };
        pending.items.push(item);
        continue;
      }
      await this.runOne(tx, item, routed, events);
    }
    if (pending) await this.runSet(tx, pending.routed, pending.items, events);
    // Only events with recipients are stored and pushed, so `pushes[i]` is `stored[i]`'s.
    const stored = events.entries.filter(({ entry }) => entry.recipients.length > 0);
    const pushes = await this.log.store(tx, stored);
    const records = pushes.map((p, i) => ({
      shard: stored[i].shard,
      topic: TOPICS.pushEvents,
      key: p.key,
      envelope: p.envelope,
    }));
    return { pending: await this.outbox.write(tx, records), skipped };
  }

  /** Consecutive commands of one set-based type, with one `executeAll`. */
  private async runSet(
    tx: TxClient,
    { route, handler }: RoutedHandler,
    items: readonly GroupCommand[],
    events: BatchEvents,
  ): Promise<void> {
    const payloads = items.map((item) => normalizeIds(item.command.payload));
    const outcomes = await (handler as SetBasedCommandHandler<unknown>).executeAll(tx, payloads);
    outcomes.forEach((outcome, i) => {
      events.shard = items[i].shard;
      this.answerSetOutcome(items[i].command, payloads[i], route, outcome, events);
    });
  }

  private answerSetOutcome(
    command: Command,
    payload: Record<string, unknown> & { actorId?: string },
    route: CommandRoute,
    outcome: SetOutcome,
    events: BatchEvents,
  ): void {
    const key = pushKeyOf(route, payload);
    const actorId = payload.actorId ?? '';
    const cause = causeOf(command);
    if (!outcome.ok) {
      this.answerFailure(command, actorId, outcome.error, key, events);
      return;
    }
    for (const event of outcome.events ?? [])
      events.emit(event.type, event.data, event.recipients, key, cause);
    if (route.answers)
      events.emit(
        'command.succeeded',
        { commandId: command.id, result: outcome.result },
        [actorId],
        key,
        cause,
      );
    events.keep();
  }

  /** One command in a savepoint: a rule failure undoes it alone. */
  private async runOne(
    tx: TxClient,
    { command, shard }: GroupCommand,
    { route, handler }: RoutedHandler,
    events: BatchEvents,
  ): Promise<void> {
    events.shard = shard;
    const payload = normalizeIds(command.payload);
    const actorId = payload.actorId ?? '';
    const key = pushKeyOf(route, payload);
    const cause = causeOf(command);
    let deferred = false;
    const scope: CommandScope = {
      tx,
      actorId,
      commandId: command.id,
      cause,
      emit: (type, data, recipients, pushKey) => {
        events.emit(type, data, recipients, pushKey ?? key, cause);
        return Promise.resolve();
      },
      deferOutcome: () => (deferred = true),
    };
    await tx.query('SAVEPOINT command');
    try {
      const result = await handler.execute(scope, payload as never);
      if (route.answers && !deferred) {
        events.emit(
          'command.succeeded',
          { commandId: command.id, result: result ?? {} },
          [actorId],
          key,
          cause,
        );
      }
      await tx.query('RELEASE SAVEPOINT command');
      events.keep();
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      await tx.query('ROLLBACK TO SAVEPOINT command');
      events.drop();
      this.answerFailure(command, actorId, err, key, events);
    }
  }

  private answerFailure(
    command: Command,
    actorId: string,
    err: DomainError,
    key: string,
    events: BatchEvents,
  ): void {
    this.logger.debug(`${command.type} ${command.id} failed ${err.code}: ${err.message}`);
    events.emit(
      'command.failed',
      { commandId: command.id, code: err.code, message: err.message },
      [actorId],
      key,
      causeOf(command),
    );
    events.keep();
  }
}

/** Records a command causes carry its correlation id; their causation is the command. */
function causeOf(command: Command): { correlationId: string; causationId: string } {
  return { correlationId: command.correlationId, causationId: command.id };
}
