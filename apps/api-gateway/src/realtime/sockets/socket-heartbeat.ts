import type { WebSocket } from 'ws';

/** How often sockets are pinged; one that has not answered the previous ping is dead. */
export const SOCKET_PING_INTERVAL_MS = 30_000;

/**
 * Finds dead sockets (a phone that lost its network never sends a close frame): each
 * round terminates those that did not answer the previous round's protocol-level ping
 * with a pong, and pings the others.
 */
export class SocketHeartbeat {
  private readonly awaitingPong = new WeakSet<WebSocket>();

  /** Starts watching a new socket; its pongs mark it alive. */
  watch(socket: WebSocket): void {
    socket.on('pong', () => this.awaitingPong.delete(socket));
  }

  round(sockets: Iterable<WebSocket>): void {
    for (const socket of sockets) {
      if (this.awaitingPong.has(socket)) {
        socket.terminate();
        continue;
      }
      this.awaitingPong.add(socket);
      socket.ping();
    }
  }
}
