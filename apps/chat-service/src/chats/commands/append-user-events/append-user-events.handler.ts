import { CommandHandler, CommandScope, HandlesCommand } from '@chat/commands';
import { AppendUserEvents, AppendUserEventsPayload } from '@chat/contracts';

/**
 * `user-events.append` (from the ChatUp worker's outbox): stores another service's events
 * in their recipients' logs and pushes them, as this worker's own. The log keeps one
 * writer; the batch claims the record's id, so a republished record is stored once.
 */
@HandlesCommand(AppendUserEvents, { keyedBy: 'actor', answers: false })
export class AppendUserEventsHandler implements CommandHandler<AppendUserEventsPayload> {
  async execute(scope: CommandScope, { events }: AppendUserEventsPayload): Promise<void> {
    for (const { type, data, recipients } of events) await scope.emit(type, data, recipients);
  }
}
