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
import { FanOutPresenceHandler } from './fan-out-presence/fan-out-presence.handler';

/** Reads `user.events` in the chat-service group: presence changes fan out to chat peers. */
@Controller()
export class UserEventsMessageController {
  constructor(private readonly fanOut: FanOutPresenceHandler) {}

  @EventPattern(UserStatusChanged.type)
  onStatus(@Payload() event: Envelope<UserStatusPayload>): Promise<void> {
    return this.fanOut.handle(event);
  }

  /**
   * Nothing to do: the chat worker keeps no profiles (the gateway checks that users exist
   * before it publishes a command, and events carry ids only). Handled so the consumer
   * does not dead-letter every sign-up.
   */
  @EventPattern(UserRegistered.type)
  onRegistered(): void {}

  /** As `onRegistered`: profile changes do not concern the chat worker. */
  @EventPattern(UserUpdated.type)
  onUpdated(): void {}

  /**
   * This worker publishes these itself (from `user.block`/`user.unblock`) for the ChatUp
   * worker's projection; its own `blocks` table already holds the change.
   */
  @EventPattern(UserBlocked.type)
  onBlocked(): void {}

  /** As `onBlocked`. */
  @EventPattern(UserUnblocked.type)
  onUnblocked(): void {}
}
