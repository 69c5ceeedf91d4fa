import { Injectable, Logger } from '@nestjs/common';
import { ServerFrame } from '../frames/server-frame';
import { SocketRegistry } from '../sockets/socket-registry';

/** Sends frames to the sockets this instance holds. */
@Injectable()
export class PushService {
  private readonly logger = new Logger(PushService.name);

  constructor(private readonly registry: SocketRegistry) {}

  /**
   * Sends `frame` to every open socket of `userId` on this instance (each of their
   * devices connected here); returns how many it was sent to. A user with no socket
   * here is not an error: another instance, or nobody, holds them.
   */
  pushToUser(userId: string, frame: ServerFrame): number {
    return this.pushJsonToUser(userId, JSON.stringify(frame), frame.type);
  }

  /** `pushToUser` of a frame already serialised (`json`); `type` names it in logs. */
  pushJsonToUser(userId: string, json: string, type: string): number {
    let sent = 0;
    for (const socket of this.registry.socketsOf(userId)) {
      if (socket.readyState !== socket.OPEN) continue;
      this.registry.send(socket, json, (err) => {
        this.logger.debug(`push of ${type} to user ${userId} failed: ${err.message}`);
      });
      sent++;
    }
    return sent;
  }

  /** Whether any socket of `userId` is held here (SocketRegistry.holds). */
  holds(userId: string): boolean {
    return this.registry.holds(userId);
  }
}

/**
 * The frames of one event for many recipients, `{ type, seq?, data }` each, serialising
 * `data` once: a 1,000-member group's `chat.created` carries a 60 KB member list, and
 * serialising it per recipient cost more than sending it. Byte for byte what
 * `JSON.stringify({ type, seq, data })` gives (same key order).
 */
export function frameSerializer(type: string, data: unknown): (seq?: number) => string {
  const head = `{"type":${JSON.stringify(type)}`;
  const tail = `"data":${JSON.stringify(data)}}`;
  return (seq) => (seq === undefined ? `${head},${tail}` : `${head},"seq":${seq},${tail}`);
}
