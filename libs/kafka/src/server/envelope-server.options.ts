import { MessageType, TopicSpec } from '@chat/contracts';
import type { KafkaMessage } from 'kafkajs';
import { KafkaConfig } from '../kafka.config';
import { EnvelopeObserver } from './envelope-observer';

export interface EnvelopeServerOptions {
  kafka: KafkaConfig;
  /** Consumer group, before the deployment prefix. Instances sharing it split the partitions. */
  group: string;
  topics: readonly TopicSpec[];
  /** Message types this consumer handles; each needs an `@EventPattern(type)` handler. */
  messages: readonly MessageType<object>[];
  /**
   * Types that appear on the subscribed topics but are none of this consumer's business
   * (a topic shared by several readers): validated like the handled ones, then committed
   * without calling anything. Types in neither list are dead-lettered with the reason.
   */
  ignore?: readonly MessageType<object>[];
  /**
   * Where a group with no committed offset starts. Worker groups start at the earliest
   * record (default), so commands sent before a new group's first poll are not skipped;
   * a gateway's per-instance group only wants what is new.
   */
  fromBeginning?: boolean;
  /** Attempts for a handler failing with a non-transient error before the record is dead-lettered. */
  maxHandlerAttempts?: number;
  /**
   * Handles one topic's records in runs instead of one at a time: consecutive records of
   * `types` from one partition (at most `maxRecords`) go to the `batchPattern(topic)`
   * handler together. A run that fails for a non-transient reason is split in halves until
   * the poison record is alone, which is then dead-lettered; a transient failure retries
   * the run. Offsets move past a run only once its handler resolved. Other records of the
   * topic are handled one at a time between runs, in partition order.
   */
  batch?: { topic: TopicSpec; types: readonly MessageType<object>[]; maxRecords: number };
  /** Partitions handled at once, instead of the Kafka config's `partitionsConsumedConcurrently`. */
  concurrency?: number;
  /**
   * Asked first about every record, before it is parsed: `false` commits it unparsed and
   * unhandled, with no log line (outcome `skipped`), e.g. a push whose `x-push-recipients`
   * header names nobody this instance serves. `topic` is the full (prefixed) name. Keep it
   * cheap and never throwing; a record it cannot judge (no header) should be accepted.
   */
  acceptRecord?: (message: KafkaMessage, topic: string) => boolean;
  /**
   * Commit handled records' offsets every this many ms (`IntervalCommits`) instead of after
   * every fetched batch. Only for a group of one instance whose offsets feed just the lag
   * metric (a gateway's own group). Unset, or with `batch`: kafkajs' commit after every batch.
   */
  commitIntervalMs?: number;
  /** Told how each record ended and how long it took (metrics). */
  observer?: EnvelopeObserver;
}
