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
  /**
   * How long the coordinator waits in a rebalance for every member to rejoin. A member that
   * died during a rebalance is only dropped when this runs out, and every partition of the
   * group waits for it: kafkajs's default (60 s) made one kill during a rebalance stall a
   * whole group for a minute. Twice the session timeout by default.
   */
  rebalanceTimeoutMs: number;
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
  const sessionTimeoutMs = positiveIntFromEnv(env, 'KAFKA_SESSION_TIMEOUT_MS', 10_000);
  return {
    brokers,
    clientId,
    prefix: env.KAFKA_PREFIX ?? '',
    instanceId: env.INSTANCE_ID || `${hostname()}-${process.pid}`,
    sessionTimeoutMs,
    rebalanceTimeoutMs: positiveIntFromEnv(env, 'KAFKA_REBALANCE_TIMEOUT_MS', 2 * sessionTimeoutMs),
    heartbeatIntervalMs: positiveIntFromEnv(env, 'KAFKA_HEARTBEAT_INTERVAL_MS', 1_000),
    partitionsConsumedConcurrently: positiveIntFromEnv(env, 'KAFKA_PARTITIONS_CONCURRENCY', 4),
  };
}
