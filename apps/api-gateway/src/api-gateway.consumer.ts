import { CanaryReply, PushDeliver, TOPICS, topicName, USER_EVENTS, UserStatusChanged } from '@chat/contracts';
import { EnvelopeServerOptions, KafkaConfig } from '@chat/kafka';
import { PushRecordFilter } from './realtime/events/push-record-filter';

/**
 * The gateway's Kafka consumer. Each instance reads the results and user events topics in
 * a consumer group of its own (named by its instance id) from the newest record on, so
 * every instance sees every record and keeps those meant for the requests and sockets it
 * holds; push records for nobody held here are skipped unparsed (`pushes`).
 */
export function apiGatewayConsumer(
  kafka: KafkaConfig,
  pushes: PushRecordFilter,
): Omit<EnvelopeServerOptions, 'kafka'> {
  return {
    group: `api-gateway.${kafka.instanceId}`,
    topics: [TOPICS.commandResults, TOPICS.userEvents, TOPICS.pushEvents],
    messages: [CanaryReply, UserStatusChanged, PushDeliver],
    // Only presence is pushed: the gateway publishes profiles itself for the workers to
    // project, and a blocked user is not told.
    ignore: USER_EVENTS.filter((m) => m !== UserStatusChanged),
    fromBeginning: false,
    acceptRecord: pushes.acceptor(topicName(kafka.prefix, TOPICS.pushEvents)),
    // Offsets of an instance's own group feed only the lag metric: once a second, not per batch.
    commitIntervalMs: 1_000,
  };
}
