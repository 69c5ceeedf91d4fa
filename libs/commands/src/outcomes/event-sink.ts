import { EnvelopeOrigin } from '@chat/contracts';
import { TxClient } from '@chat/db';

/** An event for users' logs: its type, its data and who receives it. */
export interface SinkEvent {
  type: string;
  data: Record<string, unknown>;
  recipients: string[];
}

/**
 * Where a worker's command outcomes go, inside the command's transaction: the event log
 * itself in the service that owns it (chat-service), or a record asking that owner to
 * store them (ChatUp), so the log keeps one writer.
 */
export interface EventSink {
  append(tx: TxClient, event: SinkEvent, pushKey: string, cause: EnvelopeOrigin): Promise<unknown>;
}

export const EVENT_SINK = Symbol('EVENT_SINK');
