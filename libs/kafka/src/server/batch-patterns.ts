import { TopicSpec } from '@chat/contracts';

/**
 * Patterns of the two handlers a batched topic needs (see `EnvelopeServerOptions.batch`):
 * `@EventPattern(batchPattern(topic))` gets `(envelopes, EnvelopeContext)` for each run of
 * consecutive records of the batched types from one partition, in partition order;
 * `@EventPattern(assignedPattern(topic))` gets the partitions of `topic` this instance was
 * assigned each time the group rebalances (before any of their batches is handled).
 */
export function batchPattern(topic: TopicSpec): string {
  return `batch:${topic.name}`;
}

export function assignedPattern(topic: TopicSpec): string {
  return `assigned:${topic.name}`;
}
