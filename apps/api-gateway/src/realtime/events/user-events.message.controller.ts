import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  Envelope,
  UserBlocked,
  UserRegistered,
  UserStatusChanged,
  UserStatusPayload,
  UserUnblocked,
  UserUpdated,
} from '@chat/contracts';
import { PushService } from '../push/push.service';

/**
 * Reads `user.events` (every gateway instance in a group of its own) and pushes what
 * concerns the sockets this instance holds.
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

  /**
   * The gateway owns users and publishes these itself; the workers project them. Nothing
   * to push, but without a handler the consumer would dead-letter them.
   */
  @EventPattern(UserRegistered.type)
  onRegistered(): void {}

  /** As `onRegistered`: profile changes are the workers' to project. */
  @EventPattern(UserUpdated.type)
  onUpdated(): void {}

  /**
   * Published by the chat worker for the ChatUp worker's projection; the blocked user is
   * not told, so nothing is pushed. Handled so the consumer does not dead-letter them.
   */
  @EventPattern(UserBlocked.type)
  onBlocked(): void {}

  /** As `onBlocked`. */
  @EventPattern(UserUnblocked.type)
  onUnblocked(): void {}
}
