import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Envelope, UserStatusChanged, UserStatusPayload } from '@chat/contracts';
import { FanOutPresenceHandler } from './fan-out-presence/fan-out-presence.handler';

/**
 * Reads `user.events` in the chat-service group: presence changes fan out to chat peers.
 * The other user events are ignored by the consumer (`ignore` in bootstrap.ts).
 */
@Controller()
export class UserEventsMessageController {
  constructor(private readonly fanOut: FanOutPresenceHandler) {}

  @EventPattern(UserStatusChanged.type)
  onStatus(@Payload() event: Envelope<UserStatusPayload>): Promise<void> {
    return this.fanOut.handle(event);
  }
}
