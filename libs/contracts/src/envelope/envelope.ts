/**
 * Every Kafka record the services exchange is one envelope. Producers and consumers
 * both use this type; consumers validate it with `parseEnvelope` before trusting it.
 */
export interface Envelope<P = unknown> {
  /** Unique id of this message (UUID). A command's id is the `commandId` the client got. */
  id: string;
  /** Message type, e.g. `chat.message.send` or `system.canary`. Routes the record to a handler. */
  type: string;
  /** Payload schema version of this type; consumers refuse versions they do not know. */
  version: number;
  /** Id of the originating request: the HTTP `x-correlation-id`, logged as `trace.id`. */
  correlationId: string;
  /** Id of the message that caused this one (the command for a result); null for a root message. */
  causationId: string | null;
  /** ISO-8601 UTC time the message was created. */
  occurredAt: string;
  payload: P;
}
