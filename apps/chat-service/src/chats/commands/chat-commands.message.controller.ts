import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Envelope, TOPICS, topicName } from '@chat/contracts';
import { assignedPattern, batchPattern, EnvelopeContext, InjectKafkaConfig, KafkaConfig } from '@chat/kafka';
import { PartitionOutbox } from '@chat/outbox';
import { CommandBatchProcessor } from './batch/command-batch.processor';

/**
 * Takes `chat.commands` in runs from each partition (see CommandBatchProcessor, which finds
 * each command's `@HandlesCommand` handler) and tells the partition outbox which partitions
 * this instance owns.
 */
@Controller()
export class ChatCommandsMessageController {
  private readonly topic: string;

  constructor(
    private readonly batches: CommandBatchProcessor,
    private readonly outbox: PartitionOutbox,
    @InjectKafkaConfig() kafka: KafkaConfig,
  ) {
    this.topic = topicName(kafka.prefix, TOPICS.chatCommands);
  }

  @EventPattern(batchPattern(TOPICS.chatCommands))
  onCommands(
    @Payload() commands: Envelope<Record<string, unknown>>[],
    @Ctx() context: EnvelopeContext,
  ): Promise<void> {
    return this.batches.process(commands, shardOf(context.getTopic(), context.getPartition()));
  }

  /** Publishes what the partitions' previous owners committed and did not publish. */
  @EventPattern(assignedPattern(TOPICS.chatCommands))
  onAssigned(@Payload() partitions: number[]): Promise<void> {
    return this.outbox.takeOver(partitions.map((p) => shardOf(this.topic, p)));
  }
}

/** The outbox shard of a partition: its records are published by whoever owns it. */
function shardOf(topic: string, partition: number): string {
  return `${topic}:${partition}`;
}
