import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  AckDelivery,
  CHAT_COMMANDS,
  HEADERS,
  MessageType,
  parseEnvelope,
  TOPICS,
  topicName,
} from '@chat/contracts';
import { createKafkaClient, InjectKafkaConfig, KafkaConfig } from '@chat/kafka';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { CommandProcessor } from '../commands/command.processor';

/** The consumer group whose dead letters this answers (the chat workers'). */
const WORKER_GROUP = 'chat-service';

/**
 * Answers the commands the chat workers gave up on. A command the consumer dead-lettered
 * (its handler kept failing for a non-transient reason) was accepted with a `202`, so its
 * actor is owed an outcome: this stores `command.failed` (code `INVALID`) unless the
 * command already has one. Records that are not valid chat commands had no `202` and are
 * left to the operators.
 */
@Injectable()
export class DeadLetteredCommandsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadLetteredCommandsConsumer.name);
  private readonly consumer: Consumer;
  private readonly known: ReadonlyMap<string, MessageType<object>> = new Map(
    CHAT_COMMANDS.map((m) => [m.type, m]),
  );

  constructor(
    @InjectKafkaConfig() private readonly config: KafkaConfig,
    private readonly processor: CommandProcessor,
  ) {
    this.consumer = createKafkaClient(config, 'dead-letters').consumer({
      groupId: `${config.prefix}${WORKER_GROUP}.dead-letters`,
      sessionTimeout: config.sessionTimeoutMs,
      rebalanceTimeout: config.rebalanceTimeoutMs,
      heartbeatInterval: config.heartbeatIntervalMs,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: topicName(this.config.prefix, TOPICS.deadLetter),
      fromBeginning: true,
    });
    await this.consumer.run({ eachMessage: ({ message }) => this.answer(message) });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async answer(message: KafkaMessage): Promise<void> {
    if (header(message, HEADERS.dlqConsumerGroup) !== `${this.config.prefix}${WORKER_GROUP}`) return;
    const parsed = parseEnvelope(message.value, this.known);
    if (!parsed.ok || parsed.envelope.type === AckDelivery.type) return;
    const command = parsed.envelope as typeof parsed.envelope & {
      payload: { actorId: string; chatId?: string };
    };
    const reason = header(message, HEADERS.dlqReason) ?? 'unknown';
    this.logger.warn(`answering dead-lettered ${command.type} ${command.id} with command.failed: ${reason}`);
    await this.processor.fail(
      command,
      command.payload.chatId ?? command.payload.actorId,
      'INVALID',
      'the command could not be processed',
    );
  }
}

function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
