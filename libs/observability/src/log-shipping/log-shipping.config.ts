import { positiveIntFromEnv } from '@chat/config';
import { TOPICS, topicName } from '@chat/contracts';

/** Where and how one service ships its log lines (README "Operating it / Logs"). */
export interface LogShippingConfig {
  service: string;
  brokers: string[];
  /** Full topic name (deployment prefix included). */
  topic: string;
  /** Lines held while Kafka is slow or away; beyond it new lines are dropped and counted. */
  bufferLimit: number;
  /** Lines per Kafka request. */
  batchSize: number;
  flushIntervalMs: number;
  /** How often a non-zero drop count is reported on stdout. */
  reportIntervalMs: number;
}

/** Brokers of the log topic: `LOG_KAFKA_BROKERS` (a separate cluster) or the service's own. */
export function logBrokersFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.LOG_KAFKA_BROKERS || env.KAFKA_BROKERS || '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
}

/** `LOG_SHIPPING=off` (or `false`, `0`) turns shipping off; it is on by default. */
export function logShippingEnabled(env: NodeJS.ProcessEnv): boolean {
  return !['off', 'false', '0', 'no'].includes((env.LOG_SHIPPING ?? 'on').toLowerCase());
}

/** The shipping settings, or null when shipping is off. */
export function logShippingConfigFromEnv(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): LogShippingConfig | null {
  if (!logShippingEnabled(env)) return null;
  return {
    service,
    brokers: logBrokersFromEnv(env),
    topic: topicName(env.KAFKA_PREFIX ?? '', TOPICS.logs),
    bufferLimit: positiveIntFromEnv(env, 'LOG_BUFFER_LIMIT', 10_000),
    batchSize: positiveIntFromEnv(env, 'LOG_BATCH_SIZE', 500),
    flushIntervalMs: positiveIntFromEnv(env, 'LOG_FLUSH_INTERVAL_MS', 500),
    reportIntervalMs: positiveIntFromEnv(env, 'LOG_DROP_REPORT_INTERVAL_MS', 30_000),
  };
}
