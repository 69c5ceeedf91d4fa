import { Injectable } from '@nestjs/common';
import type { WebSocket } from 'ws';

/**
 * The authenticated sockets THIS instance holds, by user: a user with several devices
 * (or tabs) has several. Other instances hold their own; a push reaches every instance
 * through Kafka and each delivers to the sockets it holds.
 */
@Injectable()
export class SocketRegistry {
  private readonly byUser = new Map<string, Set<WebSocket>>();
  private readonly byAddress = new Map<WebSocket, string>();
  /** Frames pushed to a socket held but not yet sent `ready`: they follow it, so `ready` stays first. */
  private readonly waiting = new Map<WebSocket, string[]>();

  /**
   * Holds `socket` for `userId`'s pushes. Until `ready(socket)`, pushes to it wait: the
   * socket is held before the user's last seq is read for `ready`, so no event committed
   * in between is missed, and none is sent before `ready`.
   */
  add(userId: string, socket: WebSocket): void {
    this.waiting.set(socket, []);
    const sockets = this.byUser.get(userId) ?? new Set<WebSocket>();
    sockets.add(socket);
    this.byUser.set(userId, sockets);
    this.byAddress.set(socket, userId);
  }

  /** Forgets `socket`; a socket never added is ignored. */
  remove(socket: WebSocket): void {
    const userId = this.byAddress.get(socket);
    if (userId === undefined) return;
    this.byAddress.delete(socket);
    this.waiting.delete(socket);
    const sockets = this.byUser.get(userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byUser.delete(userId);
  }

  /** Sends `json` now, or after `ready` when the socket is not ready yet. */
  send(socket: WebSocket, json: string, onError: (err: Error) => void): void {
    const queue = this.waiting.get(socket);
    if (queue) queue.push(json);
    else
      socket.send(json, (err) => {
        if (err) onError(err);
      });
  }

  /** `ready` has been sent: what waited goes out, in order, and later pushes go straight through. */
  ready(socket: WebSocket): void {
    const queue = this.waiting.get(socket) ?? [];
    this.waiting.delete(socket);
    for (const json of queue) if (socket.readyState === socket.OPEN) socket.send(json);
  }

  /**
   * Whether any socket of `userId` is held here, ready or not: from `add` on, so a push
   * consumed after a socket was added is never skipped for it (see `PushRecordFilter`).
   */
  holds(userId: string): boolean {
    return this.byUser.has(userId);
  }

  /** How many users have a socket here. */
  get users(): number {
    return this.byUser.size;
  }

  socketsOf(userId: string): ReadonlySet<WebSocket> {
    return this.byUser.get(userId) ?? new Set();
  }

  /** Every socket held, of every user. */
  all(): WebSocket[] {
    return [...this.byAddress.keys()];
  }
}
