/**
 * The Kafka topics of the system, with their partition counts. Names are prefixed per
 * deployment (or per test run) through `topicName`, so every run can have its own.
 */
export interface TopicSpec {
  /** Base name, before the deployment prefix. */
  readonly name: string;
  readonly partitions: number;
  /** Topic-level configs passed at creation (retention etc.). */
  readonly config?: Readonly<Record<string, string>>;
}

export const TOPICS = {
  /** Commands for the chat workers, keyed by chat id (or user id) so one chat's commands stay in order. */
  chatCommands: { name: 'chat.commands', partitions: 12 },
  /** Commands for the ChatUp workers, keyed by user id. */
  chatupCommands: { name: 'chatup.commands', partitions: 6 },
  /** Command outcomes and replies (canary replies today), read by every gateway instance. */
  commandResults: { name: 'command.results', partitions: 6 },
  /**
   * User facts for the services' own projections (`user.registered`, `user.updated`,
   * `user.status`, `user.blocked`, `user.unblocked`), keyed by user id.
   */
  userEvents: { name: 'user.events', partitions: 6 },
  /**
   * Events for users' sockets (`push.deliver`), keyed by chat (or user) id. Every gateway
   * instance reads all of it in a group of its own and keeps the recipients it holds.
   */
  pushEvents: { name: 'push.events', partitions: 12, config: { 'retention.ms': String(24 * 3600 * 1000) } },
  /** Records no consumer could accept, each with the reason in its headers. */
  deadLetter: {
    name: 'dead-letter',
    partitions: 3,
    config: { 'retention.ms': String(14 * 24 * 3600 * 1000) },
  },
  /**
   * ECS JSON log lines of every service (one line per record, unkeyed), read by the
   * `log-indexer` group into Elasticsearch. Kafka is only the buffer: three days cover an
   * Elasticsearch outage over a weekend; Elasticsearch holds the history.
   */
  logs: { name: 'logs', partitions: 6, config: { 'retention.ms': String(3 * 24 * 3600 * 1000) } },
} as const satisfies Record<string, TopicSpec>;

export type TopicKey = keyof typeof TOPICS;

/** Full topic name for a deployment prefix, e.g. `topicName('t42.', TOPICS.chatCommands)`. */
export function topicName(prefix: string, topic: TopicSpec): string {
  return `${prefix}${topic.name}`;
}
