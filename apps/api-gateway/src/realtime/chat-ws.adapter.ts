import { Logger } from '@nestjs/common';
import { WsAdapter } from '@nestjs/platform-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import { parseClientFrame } from './frames/parse-client-frame';

/**
 * Nest's `ws` adapter with the gateway's frame parser, and a client's protocol errors (an
 * oversized or broken frame, after which `ws` closes that socket with 1009 or 1002) logged
 * as warnings: they are the client's fault, not the server's, and come without a stack.
 */
export class ChatWsAdapter extends WsAdapter {
  private readonly log = new Logger('WebSocket');

  constructor(app: ConstructorParameters<typeof WsAdapter>[0]) {
    super(app, { messageParser: parseClientFrame });
  }

  override bindErrorHandler(server: WebSocketServer): WebSocketServer {
    server.on('connection', (socket: WebSocket) =>
      socket.on('error', (err) => this.log.warn(`socket closed on a client error: ${err.message}`)),
    );
    server.on('error', (err) => this.log.error(`WebSocket server error: ${err.stack ?? err.message}`));
    return server;
  }
}
