import { INestApplication } from '@nestjs/common';
import { ChatWsAdapter } from './chat-ws.adapter';
import { PushRecordFilter } from './events/push-record-filter';
import { SocketRegistry } from './sockets/socket-registry';

/**
 * Serves the gateways over raw WebSocket (`ws`, JSON text frames) on the HTTP server's
 * port. Client frames are `{ type, ... }`; the adapter routes each to the handler of its
 * type, and malformed ones to the handler that answers `error`. `pushes` (the consumer's
 * `acceptRecord` for `push.events`) decides by the sockets this instance holds from now on.
 */
export function configureRealtime(app: INestApplication, pushes?: PushRecordFilter): void {
  app.useWebSocketAdapter(new ChatWsAdapter(app));
  pushes?.bind(app.get(SocketRegistry));
}
