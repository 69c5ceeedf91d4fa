import { Module } from '@nestjs/common';
import { ChatsModule } from '../chats/chats.module';
import { PushEventsMessageController } from './events/push-events.message.controller';
import { UserEventsMessageController } from './events/user-events.message.controller';
import { PushService } from './push/push.service';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeMetrics } from './realtime.metrics';
import { SocketRegistry } from './sockets/socket-registry';

/**
 * The WebSocket endpoint `/ws`, the sockets this instance holds, and pushes to them.
 * Uses the global `AccessTokenService` (AuthModule) and `PresenceService` (PresenceModule).
 */
@Module({
  imports: [ChatsModule],
  controllers: [UserEventsMessageController, PushEventsMessageController],
  providers: [RealtimeGateway, SocketRegistry, PushService, RealtimeMetrics],
  exports: [PushService],
})
export class RealtimeModule {}
