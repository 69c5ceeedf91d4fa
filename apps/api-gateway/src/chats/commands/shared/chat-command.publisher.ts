import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { createEnvelope, MessageType, TopicSpec, TOPICS } from '@chat/contracts';
import { EnvelopeProducer, withTimeout } from '@chat/kafka';
import { RequestContext } from '@chat/http';
import { randomUUID } from 'node:crypto';

/** How long a command may wait for the broker's acknowledgement before the client is told 503. */
const PUBLISH_TIMEOUT_MS = 5_000;

/** `202` body of every command route. */
export interface CommandAccepted {
  commandId: string;
}

/**
 * Publishes a command to `chat.commands` (or another command topic, e.g. `chatup.commands`)
 * and resolves once Kafka has it on all in-sync replicas: only then does the route answer
 * `202`, so an accepted command is durable. The envelope id is the command id the outcome
 * (`command.succeeded`/`failed`) will name.
 */
@Injectable()
export class ChatCommandPublisher {
  private readonly logger = new Logger(ChatCommandPublisher.name);

  constructor(private readonly producer: EnvelopeProducer) {}

  async publish<P extends object>(
    type: MessageType<P>,
    key: string,
    payload: P,
    topic: TopicSpec = TOPICS.chatCommands,
  ): Promise<CommandAccepted> {
    const context = RequestContext.current();
    // An Idempotency-Key's command id (IdempotencyInterceptor): a retry publishes the same command.
    const commandId = context?.commandId ?? randomUUID();
    const correlationId = context?.correlationId ?? commandId;
    const envelope = createEnvelope(type.type, type.version, payload, { id: commandId, correlationId });
    try {
      await withTimeout(
        this.producer.publish(topic, key, envelope),
        PUBLISH_TIMEOUT_MS,
        'Kafka did not acknowledge the command',
      );
    } catch (err) {
      // Not accepted: the client may retry (with an Idempotency-Key, or for sends the same
      // clientMessageId, the retry takes effect once).
      this.logger.warn(`command ${type.type} ${commandId} not published: ${(err as Error).message}`);
      throw new ServiceUnavailableException('the command could not be accepted now; retry');
    }
    return { commandId };
  }
}
