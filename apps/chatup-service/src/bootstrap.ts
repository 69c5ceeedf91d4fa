import { INestApplication } from '@nestjs/common';
import { CanaryPing, CHATUP_COMMANDS, TOPICS, USER_EVENTS } from '@chat/contracts';
import { ServiceStartOptions, startService } from '@chat/observability';
import { ChatupServiceModule } from './chatup-service.module';

export const SERVICE_NAME = 'chatup-service';

/**
 * Starts one ChatUp worker: HTTP for health, and a Kafka consumer in the shared
 * `chatup-service` group, so any number of instances split the command partitions (and
 * the user events they project).
 */
export function startChatupService(options: ServiceStartOptions = {}): Promise<INestApplication> {
  return startService(
    {
      name: SERVICE_NAME,
      defaultPort: 3002,
      module: (kafka, env) => ChatupServiceModule.forRoot(kafka, env),
      consumer: () => ({
        group: SERVICE_NAME,
        topics: [TOPICS.chatupCommands, TOPICS.userEvents],
        messages: [CanaryPing, ...CHATUP_COMMANDS, ...USER_EVENTS],
        // Commands arrive in runs per partition; each still runs in its own transaction.
        batch: { topic: TOPICS.chatupCommands, types: CHATUP_COMMANDS, maxRecords: 64 },
      }),
      // Workers, not the gateway, index the logs topic: it stays off the request path.
      indexesLogs: true,
    },
    options,
  );
}
