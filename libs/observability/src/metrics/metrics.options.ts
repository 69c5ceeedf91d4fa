import { TopicSpec } from '@chat/contracts';
import { KafkaConfig } from '@chat/kafka';

/** What the metrics of one service instance describe. */
export interface MetricsOptions {
  service: string;
  kafka: KafkaConfig;
  /** The service's consumer group (before the deployment prefix) and topics, for the lag. */
  consumer: { group: string; topics: readonly TopicSpec[]; fromBeginning?: boolean };
}

export const METRICS_OPTIONS = Symbol('METRICS_OPTIONS');
