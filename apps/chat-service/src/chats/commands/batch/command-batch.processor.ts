import { Injectable, Logger } from '@nestjs/common';
import { Envelope, SendMessage, SendMessagePayload, TOPICS } from '@chat/contracts';
import { Database, TxClient, TxOptions } from '@chat/db';
import { EventLogWriter } from '@chat/event-log';
import { PartitionOutbox, PendingRecords } from '@chat/outbox';
import { DomainError } from '../../domain/domain-error';
import { normalizeIds } from '../../domain/ids';
import { ProcessedCommandsRepository } from '../../database/processed-commands.repository';
import { ChatCommandHandler, CommandScope } from '../chat-command.handler';
import { SendMessagesBatch, SendOutcome } from '../send-message/send-messages.batch';
import { BatchEvents } from './batch-events';
import { CommandBatchMetrics } from './command-batch.metrics';

/** How the batch runs one command type. */
export interface CommandRoute {
  handler: ChatCommandHandler<never>;
  /** Keys the command's push records: its chat, or the actor for user commands. */
  pushKey: (payload: Record<string, unknown>) => string;
  /** False for a command with no id to claim and no outcome (`delivery.ack`). */
  claims?: boolean;
  /** False for a command no client sent (`chatup.open-chat`): no `command.succeeded`. */
  answers?: boolean;
}

type Command = Envelope<Record<string, unknown> & { actorId?: string }>;

/**
 * Runs a run of chat commands from one partition, in partition order, exactly once in
 * effect whatever Kafka redelivers, in ONE transaction (READ COMMITTED by default, see
 * ISOLATION below):
 *
 * 1. One statement claims every command id; a command already claimed (a redelivery
 *    after a crash, or the same record twice) does nothing.
 * 2. Consecutive sends run set-based (SendMessagesBatch); any other command runs its
 *    handler inside a savepoint, so a rule failure (`DomainError`) rolls back that command
 *    alone and answers it `command.failed` while the others go on.
 * 3. Every event of the batch, `command.succeeded` / `command.failed` included, is stored
 *    in its recipients' logs at the end with three statements, and its push record goes to
 *    the partition's outbox shard.
 * 4. After COMMIT the owner publishes those records itself (PartitionOutbox) and only then
 *    returns, so the consumer moves its offsets past commands whose pushes are out.
 *
 * A 40001 reruns the whole transaction (Database.withTransaction); any other error is
 * thrown to the Kafka server, which retries transient ones and splits the run to isolate
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
const ISOLATION: TxOptions['isolation'] =
  process.env.CHAT_COMMANDS_ISOLATION === 'serializable' ? 'serializable' : 'read committed';

@Injectable()
export class CommandBatchProcessor {
  private readonly logger = new Logger(CommandBatchProcessor.name);

  constructor(
    private readonly db: Database,
    private readonly processed: ProcessedCommandsRepository,
    private readonly log: EventLogWriter,
    private readonly outbox: PartitionOutbox,
    private readonly sends: SendMessagesBatch,
    private readonly metrics: CommandBatchMetrics,
  ) {}

  async process(
    commands: readonly Command[],
    shard: string,
    routes: ReadonlyMap<string, CommandRoute>,
  ): Promise<void> {
    const ended = this.metrics.started(commands.length);
    try {
      const { pending, skipped } = await this.db.withTransaction(
        (tx) => this.apply(tx, commands, shard, routes),
        { name: `chat.commands run of ${commands.length}`, isolation: ISOLATION },
      );
      this.metrics.skipped(skipped);
      await this.outbox.publish(pending);
    } finally {
      ended();
    }
  }

  /** The run's transaction body; resolves the push records to publish once it committed. */
  private async apply(
    tx: TxClient,
    commands: readonly Command[],
    shard: string,
    routes: ReadonlyMap<string, CommandRoute>,
  ): Promise<{ pending: PendingRecords; skipped: number }> {
    const events = new BatchEvents();
    const claimable = new Set(commands.filter((c) => routes.get(c.type)?.claims !== false).map((c) => c.id));
    const claimed = await this.processed.claimAll(tx, [...claimable]);
    const skipped = claimable.size - claimed.size;
    let sends: Command[] = [];
    for (const command of commands) {
      const route = routes.get(command.type);
      if (!route) throw new Error(`no route for ${command.type}`);
      // `delete`: a second record of the same command in this run is not run again.
      if (route.claims !== false && !claimed.delete(command.id)) continue;
      if (command.type === SendMessage.type) {
        sends.push(command);
        continue;
      }
      await this.runSends(tx, sends, routes.get(SendMessage.type)!, events);
      sends = [];
      await this.runOne(tx, command, route, events);
    }
    await this.runSends(tx, sends, routes.get(SendMessage.type)!, events);
    const pushes = await this.log.store(tx, events.entries);
    const records = pushes.map((p) => ({ topic: TOPICS.pushEvents, key: p.key, envelope: p.envelope }));
    return { pending: await this.outbox.write(tx, shard, records), skipped };
  }

  private async runSends(
    tx: TxClient,
    sends: readonly Command[],
    route: CommandRoute,
    events: BatchEvents,
  ): Promise<void> {
    if (sends.length === 0) return;
    const payloads = sends.map((c) => normalizeIds(c.payload) as unknown as SendMessagePayload);
    const outcomes = await this.sends.apply(tx, payloads);
    outcomes.forEach((outcome, i) => this.answerSend(sends[i], payloads[i], outcome, route, events));
  }

  private answerSend(
    command: Command,
    payload: SendMessagePayload,
    outcome: SendOutcome,
    route: CommandRoute,
    events: BatchEvents,
  ): void {
    const key = route.pushKey(payload as unknown as Record<string, unknown>);
    const cause = causeOf(command);
    if (!outcome.ok) {
      this.answerFailure(command, payload.actorId, outcome.error, key, events);
      return;
    }
    if (outcome.stored)
      events.emit('message.created', outcome.stored.message, outcome.stored.memberIds, key, cause);
    events.emit(
      'command.succeeded',
      { commandId: command.id, result: outcome.result },
      [payload.actorId],
      key,
      cause,
    );
    events.keep();
  }

  /** One non-send command in a savepoint: a rule failure undoes it alone. */
  private async runOne(
    tx: TxClient,
    command: Command,
    route: CommandRoute,
    events: BatchEvents,
  ): Promise<void> {
    const payload = normalizeIds(command.payload);
    const actorId = payload.actorId ?? '';
    const key = route.pushKey(payload);
    const cause = causeOf(command);
    const scope: CommandScope = {
      tx,
      actorId,
      cause,
      emit: (type, data, recipients, pushKey) => {
        events.emit(type, data, recipients, pushKey ?? key, cause);
        return Promise.resolve();
      },
    };
    await tx.query('SAVEPOINT command');
    try {
      const result = await route.handler.execute(scope, payload as never);
      if (route.answers !== false) {
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
