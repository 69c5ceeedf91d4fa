import { positiveIntFromEnv } from '@chat/config';
import { hostname } from 'node:os';

/** How a service reaches Kafka and names its topics and groups. */
export interface KafkaConfig {
  brokers: string[];
  /** Kafka client id, also the base of the service's consumer group names. */
  clientId: string;
  /** Prefix of every topic and group name: one per deployment, or per test run. */
  prefix: string;
  /** Identifies this process among instances of the same service. */
  instanceId: string;
  /** How long a silent consumer keeps its partitions; failover takes about this long. */
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** Partitions one consumer handles concurrently (order is kept within each partition). */
  partitionsConsumedConcurrently: number;
}

/** Reads the Kafka settings from the environment (see README "Configuration"). */
export function kafkaConfigFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS names no broker');
  return {
    brokers,
    clientId,
    prefix: env.KAFKA_PREFIX ?? '',
    instanceId: env.INSTANCE_ID || `${hostname()}-${process.pid}`,
    sessionTimeoutMs: positiveIntFromEnv(env, 'KAFKA_SESSION_TIMEOUT_MS', 10_000),
    heartbeatIntervalMs: positiveIntFromEnv(env, 'KAFKA_HEARTBEAT_INTERVAL_MS', 1_000),
    partitionsConsumedConcurrently: positiveIntFromEnv(env, 'KAFKA_PARTITIONS_CONCURRENCY', 4),
  };
}
