import { INestApplication } from '@nestjs/common';
import { CanaryPing, TOPICS } from '@chat/contracts';
import { ServiceStartOptions, startService } from '@chat/observability';
import { ChatupServiceModule } from './chatup-service.module';

export const SERVICE_NAME = 'chatup-service';

/**
 * Starts one ChatUp worker: HTTP for health, and a Kafka consumer in the shared
 * `chatup-service` group, so any number of instances split the command partitions.
 */
export function startChatupService(options: ServiceStartOptions = {}): Promise<INestApplication> {
  return startService(
    {
      name: SERVICE_NAME,
      defaultPort: 3002,
      module: (kafka) => ChatupServiceModule.forRoot(kafka),
      consumer: () => ({ group: SERVICE_NAME, topics: [TOPICS.chatupCommands], messages: [CanaryPing] }),
    },
    options,
  );
}
