import { Inject, Injectable } from '@nestjs/common';
import { Envelope, FailureCode } from '@chat/contracts';
import { Database } from '@chat/db';
import { ProcessedCommandsRepository } from '../claims/processed-commands.repository';
import { CommandScope } from '../handlers/command-handler';
import { EVENT_SINK, EventSink } from './event-sink';

/**
 * Answers a command `command.failed` unless it already has an outcome, in a transaction of
 * its own: for a command the consumer gave up on (dead-lettered), so every accepted
 * command gets exactly one answer.
 */
@Injectable()
export class CommandFailures {
  constructor(
    private readonly db: Database,
    private readonly processed: ProcessedCommandsRepository,
    @Inject(EVENT_SINK) private readonly events: EventSink,
  ) {}

  async answer(
    command: Envelope<{ actorId: string }>,
    pushKey: string,
    code: FailureCode,
    message: string,
  ): Promise<void> {
    const actorId = command.payload.actorId.toLowerCase();
    await this.inClaim(command, pushKey, (scope) =>
      scope.emit('command.failed', { commandId: command.id, code, message }, [actorId]),
    );
  }

  /**
   * Runs `answer` in a transaction that claims the command's id (nothing happens if it has
   * an outcome, or was answered before), with a scope whose events are caused by it.
   */
  async inClaim(
    command: Envelope<object>,
    pushKey: string,
    answer: (scope: CommandScope) => Promise<void>,
  ): Promise<void> {
    const cause = { correlationId: command.correlationId, causationId: command.id };
    const actorId = String((command.payload as { actorId?: string }).actorId ?? '').toLowerCase();
    await this.db.withTransaction(
      async (tx) => {
        if (!(await this.processed.claim(tx, command.id))) return;
        await answer({
          tx,
          actorId,
          commandId: command.id,
          cause,
          emit: async (type, data, recipients, key) => {
            const event = { type, data: { ...data }, recipients: recipients.map((id) => id.toLowerCase()) };
            await this.events.append(tx, event, key ?? pushKey, cause);
          },
          deferOutcome: () => undefined,
        });
      },
      { name: `${command.type}.dead-letter` },
    );
  }
}
