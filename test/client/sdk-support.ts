import WebSocket from 'ws';
import { ChatClient, ChatClientOptions, WebSocketConstructor } from '@chat/client';
import { newAccount } from '../support/api-client';

/** `ws` as the SDK's WebSocket, remembering every socket it opened (to cut them). */
export function trackedWebSocket(): { WebSocket: WebSocketConstructor; sockets: WebSocket[] } {
  const sockets: WebSocket[] = [];
  class Tracked extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { WebSocket: Tracked as unknown as WebSocketConstructor, sockets };
}

/** A freshly registered user holding a connected SDK client (Node's fetch, the `ws` package). */
export async function sdkUser(baseUrl: string, options: Partial<ChatClientOptions> = {}) {
  const tracked = trackedWebSocket();
  const client = new ChatClient({
    baseUrl,
    WebSocket: tracked.WebSocket,
    reconnect: { initialMs: 100 },
    ...options,
  });
  const session = await client.session.register(newAccount());
  await client.connection.connect();
  return { client, id: session.user.id, sockets: tracked.sockets };
}
