import { KafkaConfig, kafkaConfigFromEnv } from '@chat/kafka';
import { logBrokersFromEnv, logShippingEnabled } from './log-shipping.config';

/** How a service indexes the `logs` topic into Elasticsearch (README "Operating it / Logs"). */
export interface LogIndexerConfig {
  /** Kafka of the `logs` topic (`LOG_KAFKA_BROKERS`, else `KAFKA_BROKERS`). */
  kafka: KafkaConfig;
  /** Group before the deployment prefix; every indexer instance competes in it. */
  group: string;
  /** Daily indices are `<indexPrefix>YYYY.MM.DD`; the template covers `<indexPrefix>*`. */
  indexPrefix: string;
  retentionDays: number;
  retentionCheckMs: number;
}

export const LOG_INDEXER_GROUP = 'log-indexer';

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] || fallback);
  if (!(value > 0)) throw new Error(`${name} must be a positive number`);
  return value;
}

/**
 * The indexer settings for a service that offers to index (`wanted`), or null. `LOG_INDEXER`
 * overrides (`on`/`off`); by default it follows `LOG_SHIPPING`.
 */
export function logIndexerConfigFromEnv(
  service: string,
  wanted: boolean,
  env: NodeJS.ProcessEnv = process.env,
): LogIndexerConfig | null {
  const setting = env.LOG_INDEXER?.toLowerCase();
  const on = setting ? ['on', 'true', '1', 'yes'].includes(setting) : logShippingEnabled(env);
  if (!wanted || !on) return null;
  return {
    kafka: kafkaConfigFromEnv(service, { ...env, KAFKA_BROKERS: logBrokersFromEnv(env).join(',') }),
    group: LOG_INDEXER_GROUP,
    indexPrefix: env.LOG_INDEX_PREFIX || 'logs-chat-',
    retentionDays: positiveNumber(env, 'LOG_RETENTION_DAYS', 14),
    retentionCheckMs: positiveNumber(env, 'LOG_RETENTION_CHECK_MS', 3_600_000),
  };
}
