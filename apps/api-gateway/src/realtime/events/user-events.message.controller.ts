import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Envelope, UserStatusChanged, UserStatusPayload } from '@chat/contracts';
import { PushService } from '../push/push.service';

/**
 * Reads `user.events` (every gateway instance in a group of its own) and pushes what
 * concerns the sockets this instance holds. The other user events are ignored by the
 * consumer (`ignore` in bootstrap.ts): there is nothing to push for them.
 */
@Controller()
export class UserEventsMessageController {
  constructor(private readonly push: PushService) {}

  /**
   * `presence.changed` to the user's own sockets here (their other devices). Fan-out to
   * the users who share a chat with them comes with chats (issue 4).
   */
  @EventPattern(UserStatusChanged.type)
  onStatus(@Payload() event: Envelope<UserStatusPayload>): void {
    const { userId, status, lastSeenAt } = event.payload;
    this.push.pushToUser(userId, { type: 'presence.changed', data: { userId, status, lastSeenAt } });
  }
}
