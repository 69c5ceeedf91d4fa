import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@chat/db';
import { KafkaConfig, KafkaModule } from '@chat/kafka';
import { CanaryResponder, HealthModule } from '@chat/observability';
import { join } from 'node:path';
import { AnswerCanaryMessageController } from './canary/answer-canary.message.controller';

/** The ChatUp worker: consumes ChatUp commands (competing consumers in one group). */
@Module({})
export class ChatupServiceModule {
  static forRoot(kafka: KafkaConfig): DynamicModule {
    return {
      module: ChatupServiceModule,
      imports: [
        KafkaModule.forRoot(kafka),
        DbModule.forRoot({
          service: 'chatup-service',
          migrationsDir: join(__dirname, 'database', 'migrations'),
        }),
        HealthModule,
      ],
      controllers: [AnswerCanaryMessageController],
      providers: [CanaryResponder],
    };
  }
}
