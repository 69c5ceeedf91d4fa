/** Kafka record headers every producer sets, so tools can route and trace without parsing. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
  messageType: 'x-message-type',
  /** On a dead-letter record: why it was refused, and where it came from. */
  dlqReason: 'x-dlq-reason',
  dlqSourceTopic: 'x-dlq-source-topic',
  dlqSourcePartition: 'x-dlq-source-partition',
  dlqSourceOffset: 'x-dlq-source-offset',
  dlqConsumerGroup: 'x-dlq-consumer-group',
  /**
   * On a `push.deliver` record: its recipients' user ids joined by `,`, so a gateway can drop
   * a record none of whose recipients it holds without parsing it (`pushRecipientsHeader`
   * writes it, `hasHeldRecipient` reads it). Optional: a record without it is parsed.
   */
  pushRecipients: 'x-push-recipients',
} as const;
