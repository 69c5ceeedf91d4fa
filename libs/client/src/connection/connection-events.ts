import type { ConnectionState } from './reconnecting-socket.js';
import type { ServerEventMap, StreamEvent } from './server-events.js';

/** What the connection reports besides the server's events. */
export interface ConnectionLifecycleMap {
  /** Every event handed to the app, in order (stored ones by seq, once each): for logs and consoles. */
  event: StreamEvent;
  /** The socket's state changed; `code` is the close code when it closed. */
  state: { state: ConnectionState; code?: number };
  /** The socket is open and the stream is caught up to the server's head. */
  ready: { userId: string; lastSeq: number };
  /** `/sync` could not continue from our seq (pruned history): reload state with the queries. */
  reset: { nextAfter: number };
}

/** Everything `Connection.on` takes: server events by type, and the connection's own. */
export type ConnectionEventMap = ServerEventMap & ConnectionLifecycleMap;
