import { hasHeldRecipient, HEADERS } from '@chat/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { SocketRegistry } from '../sockets/socket-registry';

/**
 * The gateway's `acceptRecord`: every instance reads all of `push.events`, but parses and
 * handles only the records whose `x-push-recipients` header names a user with a socket
 * here; the others are committed unparsed (outcome `skipped`). A record without the header
 * (an older one, another producer) is accepted and handled as before, and so is every
 * record of the other topics the gateway consumes.
 *
 * Skipping loses nothing a client relies on: a socket is added to the registry before its
 * `ready` frame's `lastSeq` is read (RealtimeGateway), so a push consumed before the add
 * carries an event committed before that read, which the client's `/sync` after `lastSeq`
 * returns; a push consumed after the add finds the socket held and is handled.
 *
 * Built before the Nest application (the consumer options are), bound to the registry once
 * it exists; until then it accepts everything.
 */
export class PushRecordFilter {
  private registry?: SocketRegistry;
  private readonly holds = (userId: string) => this.registry!.holds(userId);

  /** From now on, decide by the sockets `registry` holds. */
  bind(registry: SocketRegistry): void {
    this.registry = registry;
  }

  /** The `acceptRecord` option for a consumer whose push topic's full name is `pushTopic`. */
  acceptor(pushTopic: string): (message: KafkaMessage, topic: string) => boolean {
    return (message, topic) => topic !== pushTopic || this.accepts(message);
  }

  /** Whether a `push.events` record may be for a socket held here. */
  accepts(message: KafkaMessage): boolean {
    const recipients = message.headers?.[HEADERS.pushRecipients];
    if (recipients === undefined || !this.registry) return true;
    if (this.registry.users === 0) return false; // a gateway holding nobody decodes nothing
    if (!Array.isArray(recipients)) return hasHeldRecipient(recipients.toString(), this.holds);
    return recipients.some((value) => hasHeldRecipient(value.toString(), this.holds)); // a repeated header
  }
}
