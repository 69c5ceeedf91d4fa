import { Inject, Injectable, Logger } from '@nestjs/common';
import { Envelope } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { ProcessedCommandsRepository } from '../claims/processed-commands.repository';
import { DomainError } from '../domain-error';
import { CommandScope } from '../handlers/command-handler';
import { CommandHandlers } from '../handlers/command-handlers';
import { CommandRoute, pushKeyOf } from '../handlers/handles-command.decorator';
import { CommandFailures } from '../outcomes/command-failures';
import { EVENT_SINK, EventSink } from '../outcomes/event-sink';

type Command = Envelope<{ actorId: string }>;

/**
 * Runs commands one transaction each (SERIALIZABLE, retried on 40001), exactly once in
 * effect: the transaction claims the command id, runs its handler and stores
 * `command.succeeded`; a `DomainError` rolls that back and a second transaction stores
 * `command.failed`; a redelivered command does nothing. Any other error goes to the Kafka
 * server, which retries transient ones and dead-letters the rest. For workers whose
 * commands are few and whose rules read across partitions (ChatUp's pool); the chat worker
 * runs its hot path in batches instead.
 */
@Injectable()
export class CommandRunner {
  private readonly logger = new Logger(CommandRunner.name);

  constructor(
    private readonly db: Database,
    private readonly handlers: CommandHandlers,
    private readonly processed: ProcessedCommandsRepository,
    private readonly failures: CommandFailures,
    @Inject(EVENT_SINK) private readonly events: EventSink,
  ) {}

  /** Runs a partition's commands in order, each in its own transaction. */
  async runAll(commands: readonly Command[]): Promise<void> {
    for (const command of commands) await this.run(command);
  }

  async run(command: Command): Promise<void> {
    const { route, handler } = this.handlers.get(command.type);
    const payload = { ...command.payload, actorId: command.payload.actorId.toLowerCase() };
    const key = pushKeyOf(route, payload);
    try {
      await this.db.withTransaction(
        async (tx) => {
          if (route.claims && !(await this.processed.claim(tx, command.id))) return;
          let deferred = false;
          const scope = this.scope(tx, command, payload.actorId, key, () => (deferred = true));
          const result = await handler.execute(scope, payload as never);
          if (route.answers && !deferred)
            await scope.emit('command.succeeded', { commandId: command.id, result: result ?? {} }, [
              payload.actorId,
            ]);
        },
        { name: command.type },
      );
    } catch (err) {
      if (!(err instanceof DomainError) || !answers(route)) throw err;
      this.logger.debug(`${command.type} ${command.id} failed ${err.code}: ${err.message}`);
      await this.failures.answer(command, key, err.code, err.message);
    }
  }

  private scope(
    tx: TxClient,
    command: Command,
    actorId: string,
    key: string,
    defer: () => void,
  ): CommandScope {
    const cause = { correlationId: command.correlationId, causationId: command.id };
    return {
      tx,
      actorId,
      commandId: command.id,
      cause,
      emit: async (type, data, recipients, pushKey) => {
        const event = { type, data: { ...data }, recipients: recipients.map((id) => id.toLowerCase()) };
        await this.events.append(tx, event, pushKey ?? key, cause);
      },
      deferOutcome: defer,
    };
  }
}

function answers(route: CommandRoute): boolean {
  return route.claims && route.answers;
}
