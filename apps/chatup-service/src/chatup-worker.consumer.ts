import { CanaryPing, CHATUP_COMMANDS, TOPICS, USER_EVENTS } from '@chat/contracts';
import { EnvelopeServerOptions } from '@chat/kafka';

/**
 * The ChatUp worker's Kafka consumer: the shared `chatup-service` group, so any number of
 * instances split the command partitions (and the user events they project).
 */
export function chatupWorkerConsumer(): Omit<EnvelopeServerOptions, 'kafka'> {
  return {
    group: 'chatup-service',
    topics: [TOPICS.chatupCommands, TOPICS.userEvents],
    messages: [CanaryPing, ...CHATUP_COMMANDS, ...USER_EVENTS],
    // Commands arrive in runs per partition; each still runs in its own transaction.
    batch: { topic: TOPICS.chatupCommands, types: CHATUP_COMMANDS, maxRecords: 64 },
  };
}
