import { Module } from '@nestjs/common';
import { ChatPeersRepository } from './database/chat-peers.repository';
import { FanOutPresenceHandler } from './fan-out-presence/fan-out-presence.handler';
import { UserEventsMessageController } from './user-events.message.controller';

/** Presence fan-out: a user's status changes pushed to everyone they share a chat with. */
@Module({
  controllers: [UserEventsMessageController],
  providers: [ChatPeersRepository, FanOutPresenceHandler],
})
export class PresenceModule {}
