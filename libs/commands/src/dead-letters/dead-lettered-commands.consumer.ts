import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HEADERS, MessageType, parseEnvelope, TOPICS, topicName } from '@chat/contracts';
import { createKafkaClient, InjectKafkaConfig, KafkaConfig } from '@chat/kafka';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { CommandsOptions, InjectCommandsOptions } from '../commands.options';
import { answersDeadLetters } from '../handlers/command-handler';
import { CommandHandlers } from '../handlers/command-handlers';
import { pushKeyOf } from '../handlers/handles-command.decorator';
import { CommandFailures } from '../outcomes/command-failures';

/**
 * Answers the commands this worker's consumer group gave up on. A command the consumer
 * dead-lettered (its handler kept failing for a non-transient reason) was accepted with a
 * `202`, so its actor is owed an outcome: this stores `command.failed` (code `INVALID`)
 * unless the command already has one. Its own consumer group reads the whole topic and
 * keeps the records its worker group dead-lettered.
 */
@Injectable()
export class DeadLetteredCommandsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadLetteredCommandsConsumer.name);
  private readonly consumer: Consumer;
  private readonly known: ReadonlyMap<string, MessageType<object>>;
  private readonly workerGroup: string;

  constructor(
    @InjectKafkaConfig() private readonly config: KafkaConfig,
    @InjectCommandsOptions() options: CommandsOptions,
    private readonly handlers: CommandHandlers,
    private readonly failures: CommandFailures,
  ) {
    this.known = new Map(options.answered.map((m) => [m.type, m]));
    this.workerGroup = `${config.prefix}${options.service}`;
    this.consumer = createKafkaClient(config, 'dead-letters').consumer({
      groupId: `${this.workerGroup}.dead-letters`,
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
    if (header(message, HEADERS.dlqConsumerGroup) !== this.workerGroup) return;
    const parsed = parseEnvelope(message.value, this.known);
    if (!parsed.ok) return;
    const command = parsed.envelope as typeof parsed.envelope & { payload: { actorId: string } };
    const { route, handler } = this.handlers.get(command.type);
    const reason = header(message, HEADERS.dlqReason) ?? 'unknown';
    const key = pushKeyOf(route, command.payload);
    if (answersDeadLetters(handler)) {
      this.logger.warn(
        `answering dead-lettered ${command.type} ${command.id} as its handler says: ${reason}`,
      );
      await this.failures.inClaim(command, key, (scope) =>
        handler.answerDeadLetter(scope, command.payload as never),
      );
      return;
    }
    if (!route.claims || !route.answers) return; // nobody waits for an answer to it
    this.logger.warn(`answering dead-lettered ${command.type} ${command.id} with command.failed: ${reason}`);
    await this.failures.answer(command, key, 'INVALID', 'the command could not be processed');
  }
}

function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}
