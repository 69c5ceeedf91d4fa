import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { LogShippingConfig } from './log-shipping.config';
import { LogTransport } from './log-transport';

/**
 * A plain kafkajs producer for log lines: acks=1, no idempotence (a duplicated or lost log
 * line is acceptable; a stalled service is not), few and short retries, and its own client
 * whose internal log is silenced: its failures surface as the shipper's drop counts, and
 * routing them into the logs it is failing to ship would only feed the buffer.
 */
export class KafkaLogTransport implements LogTransport {
  private readonly producer: Producer;

  constructor(private readonly config: LogShippingConfig) {
    const kafka = new Kafka({
      clientId: `${config.service}-log-shipper`,
      brokers: config.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 2_000,
      requestTimeout: 5_000,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
    this.producer = kafka.producer({
      allowAutoTopicCreation: false,
      idempotent: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(lines: readonly string[]): Promise<void> {
    await this.producer.send({
      topic: this.config.topic,
      acks: 1,
      timeout: 5_000,
      messages: lines.map((value) => ({ value })),
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
