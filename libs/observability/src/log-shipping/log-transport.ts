/** What the shipper needs from Kafka; an interface so the buffer logic is tested without a broker. */
export interface LogTransport {
  connect(): Promise<void>;
  /** Resolves once the broker has the lines (acks=1), rejects otherwise. */
  send(lines: readonly string[]): Promise<void>;
  disconnect(): Promise<void>;
}
