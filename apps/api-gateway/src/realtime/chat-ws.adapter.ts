import { Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { parseClientFrame } from './frames/parse-client-frame';

/**
 * Nest's `ws` adapter with the gateway's frame parser, and a client's protocol errors (an
 * oversized or broken frame, after which `ws` closes that socket with 1009 or 1002) logged
 * as warnings: they are the client's fault, not the server's, and come without a stack.
 */
export class ChatWsAdapter extends WsAdapter {
  private readonly log = new Logger('WebSocket');
  /** The gateway's handlers by frame type, built once (Nest passes the same list for every socket). */
  private readonly routes = new WeakMap<MessageMappingProperties[], Map<string, MessageMappingProperties>>();

  constructor(app: ConstructorParameters<typeof WsAdapter>[0]) {
    super(app, { messageParser: parseClientFrame });
  }

  /**
   * One `message` listener per socket. Nest's version builds an rxjs pipeline and a handler
   * map for every socket, which idle sockets pay for in memory (docs/benchmarks.md); the
   * routing and the reply rules (replies only to an open socket, nothing for `undefined`)
   * are the same.
   */
  override bindMessageHandlers(
    client: WebSocket,
    handlers: MessageMappingProperties[],
    transform: (data: unknown) => Observable<unknown>,
  ): void {
    let routes = this.routes.get(handlers);
    if (!routes) {
      routes = new Map(handlers.map((h) => [h.message as string, h]));
      this.routes.set(handlers, routes);
    }
    const byType = routes;
    client.on('message', (data: RawData, isBinary: boolean) => {
      // The server's binaryType is 'nodebuffer': a text frame arrives as one Buffer.
      const frame = parseClientFrame(isBinary ? data : (data as Buffer).toString('utf8'));
      const handler = byType.get(frame.event);
      if (!handler) return;
      try {
        transform(handler.callback(frame.data, frame.event)).subscribe({
          next: (reply) => {
            if (reply === undefined || reply === null || client.readyState !== client.OPEN) return;
            client.send(JSON.stringify(reply));
          },
          error: (err: Error) => this.log.warn(`frame ${frame.event} failed: ${err.message}`),
        });
      } catch (err) {
        // As in Nest's adapter: a handler that throws at once answers nothing; the socket stays.
        this.log.warn(`frame ${frame.event} failed: ${(err as Error).message}`);
      }
    });
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('connection', (socket: WebSocket) =>
      socket.on('error', (err) => this.log.warn(`socket closed on a client error: ${err.message}`)),
    );
    server.on('error', (err) => this.log.error(`WebSocket server error: ${err.stack ?? err.message}`));
    return server;
  }
}
