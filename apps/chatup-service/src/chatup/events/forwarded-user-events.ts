import { Injectable } from '@nestjs/common';
import { EventSink, SinkEvent } from '@chat/commands';
import { AppendUserEvents, createEnvelope, EnvelopeOrigin, TOPICS } from '@chat/contracts';
import { TxClient } from '@chat/db';
import { OutboxWriter } from '@chat/outbox';

/**
 * Where this worker's events for users go: the event log belongs to the chat worker, so
 * each event becomes a `user-events.append` record in this worker's outbox, in the
 * transaction whose outcome it reports, keyed by the user as their commands are. The chat
 * worker stores and pushes it (exactly once: it claims the record's id).
 */
@Injectable()
export class ForwardedUserEvents implements EventSink {
  constructor(private readonly outbox: OutboxWriter) {}

  async append(tx: TxClient, event: SinkEvent, pushKey: string, cause: EnvelopeOrigin): Promise<void> {
    const payload = { actorId: pushKey, events: [event] };
    const envelope = createEnvelope(AppendUserEvents.type, AppendUserEvents.version, payload, cause);
    await this.outbox.add(tx, TOPICS.chatCommands, pushKey, envelope);
  }
}
