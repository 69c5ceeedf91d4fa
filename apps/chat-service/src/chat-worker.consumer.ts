import { positiveIntFromEnv } from '@chat/config';
import { CanaryPing, CHAT_TOPIC_COMMANDS, TOPICS, USER_EVENTS, UserStatusChanged } from '@chat/contracts';
import { EnvelopeServerOptions } from '@chat/kafka';

/**
 * The chat worker's Kafka consumer: the shared `chat-service` group, so any number of
 * instances split the command partitions (and the user events, whose presence changes
 * they fan out).
 */
export function chatWorkerConsumer(env: NodeJS.ProcessEnv): Omit<EnvelopeServerOptions, 'kafka'> {
  return {
    group: 'chat-service',
    topics: [TOPICS.chatCommands, TOPICS.userEvents],
    messages: [CanaryPing, ...CHAT_TOPIC_COMMANDS, UserStatusChanged],
    // Only presence concerns this worker: it keeps no profiles (the gateway checks users
    // exist before publishing a command) and publishes the block events itself.
    ignore: USER_EVENTS.filter((m) => m !== UserStatusChanged),
    // Every partition's runs at once (order is kept within each): a run waits on its
    // round trips, not the CPU, and kafkajs fetches again only when a fetch's runs are done.
    concurrency: positiveIntFromEnv(env, 'CHAT_PARTITIONS_CONCURRENCY', TOPICS.chatCommands.partitions),
    // Commands run in batches: up to CHAT_BATCH_MAX_COMMANDS per transaction per partition.
    batch: {
      topic: TOPICS.chatCommands,
      types: CHAT_TOPIC_COMMANDS,
      maxRecords: positiveIntFromEnv(env, 'CHAT_BATCH_MAX_COMMANDS', 256),
    },
  };
}
