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
    const json = JSON.stringify(frame);
    let sent = 0;
    for (const socket of this.registry.socketsOf(userId)) {
      if (socket.readyState !== socket.OPEN) continue;
      this.registry.send(socket, json, (err) => {
        this.logger.debug(`push of ${frame.type} to user ${userId} failed: ${err.message}`);
      });
      sent++;
    }
    return sent;
  }
}
