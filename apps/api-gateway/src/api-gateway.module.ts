import { DynamicModule, Module } from '@nestjs/common';
import { DbModule } from '@chat/db';
import { KafkaModule } from '@chat/kafka';
import { PlatformModule, PlatformOptions } from '@chat/runtime';
import { EventLogReaderModule } from '@chat/event-log';
import { OutboxModule } from '@chat/outbox';
import { AuthModule } from './auth/auth.module';
import { ChatsModule } from './chats/chats.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { GroupGrowthConfigModule } from './chats/limits/group-growth.config';
import { ChatupModule } from './chatup/chatup.module';
import { PipelineHealthModule } from './health/pipeline/pipeline-health.module';
import { PresenceModule } from './presence/presence.module';
import { RealtimeModule } from './realtime/realtime.module';
import { SyncModule } from './sync/sync.module';
import { UsersModule } from './users/users.module';
import { apiGatewayDatabase } from './database/api-gateway.database';

/** The gateway: auth and users, HTTP commands and queries, WebSocket push. */
@Module({})
export class ApiGatewayModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    const { kafka, env } = platform;
    return {
      module: ApiGatewayModule,
      imports: [
        KafkaModule.forRoot(kafka),
        DbModule.forRoot(apiGatewayDatabase, env),
        OutboxModule.forRoot(),
        // The gateway reads users' logs (/sync, ready); the chat worker writes and prunes them.
        EventLogReaderModule,
        AuthModule.forRoot(env),
        UsersModule,
        PresenceModule.forRoot(env),
        GroupGrowthConfigModule.forRoot(env),
        IdempotencyModule,
        ChatsModule,
        ChatupModule.forRoot(env),
        SyncModule,
        RealtimeModule,
        PipelineHealthModule,
        // Last: its log shipping starts after, and stops after, the modules above.
        PlatformModule.forService(platform),
      ],
    };
  }
}
