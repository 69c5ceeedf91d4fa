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

  add(userId: string, socket: WebSocket): void {
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
    const sockets = this.byUser.get(userId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byUser.delete(userId);
  }

  socketsOf(userId: string): ReadonlySet<WebSocket> {
    return this.byUser.get(userId) ?? new Set();
  }

  /** Every socket held, of every user. */
  all(): WebSocket[] {
    return [...this.byAddress.keys()];
  }
}
