import { Inject, Injectable } from '@nestjs/common';
import { Envelope, FailureCode } from '@chat/contracts';
import { Database } from '@chat/db';
import { ProcessedCommandsRepository } from '../claims/processed-commands.repository';
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
    const cause = { correlationId: command.correlationId, causationId: command.id };
    await this.db.withTransaction(
      async (tx) => {
        if (!(await this.processed.claim(tx, command.id))) return;
        const data = { commandId: command.id, code, message };
        await this.events.append(tx, { type: 'command.failed', data, recipients: [actorId] }, pushKey, cause);
      },
      { name: `${command.type}.failed` },
    );
  }
}
