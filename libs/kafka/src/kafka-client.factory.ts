import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { KafkaConfig } from './kafka.config';

/**
 * Producers retry a bounded number of times on purpose: a publish that cannot reach Kafka
 * must fail so the caller can answer 503, rather than hang. kafkajs warns about that
 * choice at every start; the warning is known and intended, so it is not repeated.
 */
const INTENDED_WARNINGS = new Set([
  'Limiting retries for the idempotent producer may invalidate EoS guarantees',
]);

/** Routes kafkajs' own log lines into Nest's logger, so they share the service's format. */
function nestLogCreator(context: string) {
  const logger = new Logger(context);
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...extra } = log;
      if (INTENDED_WARNINGS.has(message)) return;
      const line = `${message} ${JSON.stringify(extra)}`;
      // kafkajs logs each failed broker response at ERROR and then retries it (a coordinator
      // still loading, a topic another instance just created); what finally fails reaches
      // our code as a thrown error and is logged there.
      const retried = message.startsWith('Response ');
      if (level === logLevel.ERROR && !retried) logger.error(line);
      else if (level === logLevel.WARN || level === logLevel.ERROR) logger.warn(line);
      else logger.debug(line);
    };
}

/** The one place a kafkajs client is built, so the library stays swappable. */
export function createKafkaClient(config: KafkaConfig, purpose: string): Kafka {
  return new Kafka({
    clientId: `${config.clientId}-${purpose}`,
    brokers: config.brokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator(`kafkajs:${purpose}`),
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5_000 },
    connectionTimeout: 3_000,
  });
}
