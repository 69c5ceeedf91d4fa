import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@chat/db';
import { EventLogModule } from '@chat/event-log';
import { KafkaConfig, KafkaModule } from '@chat/kafka';
import { CanaryResponder, HealthModule } from '@chat/observability';
import { OutboxModule } from '@chat/outbox';
import { join } from 'node:path';
import { AnswerCanaryMessageController } from './canary/answer-canary.message.controller';
import { ChatupModule } from './chatup/chatup.module';

/**
 * The ChatUp worker: consumes ChatUp commands (competing consumers in one group) against
 * its waiting pool, projects users and blocks from user events, and stores its outcomes in
 * users' logs (pushed through the outbox, as is the `chatup.open-chat` of a match).
 */
@Module({})
export class ChatupServiceModule {
  static forRoot(kafka: KafkaConfig, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: ChatupServiceModule,
      imports: [
        KafkaModule.forRoot(kafka),
        DbModule.forRoot({
          service: 'chatup-service',
          migrationsDir: join(__dirname, 'database', 'migrations'),
        }),
        OutboxModule.forRoot(env),
        // The chat workers prune the logs; this one only appends.
        EventLogModule.forRoot({ prune: false }, env),
        HealthModule,
        ChatupModule.forRoot(env),
      ],
      controllers: [AnswerCanaryMessageController],
      providers: [CanaryResponder],
    };
  }
}
