import { INestApplication } from '@nestjs/common';
import { ChatWsAdapter } from './chat-ws.adapter';

/**
 * Serves the gateways over raw WebSocket (`ws`, JSON text frames) on the HTTP server's
 * port. Client frames are `{ type, ... }`; the adapter routes each to the handler of its
 * type, and malformed ones to the handler that answers `error`.
 */
export function configureRealtime(app: INestApplication): void {
  app.useWebSocketAdapter(new ChatWsAdapter(app));
}
