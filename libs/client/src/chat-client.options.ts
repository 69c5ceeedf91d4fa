import type { Tokens } from './api/api-schemas.js';
import type { BackoffOptions } from './backoff.js';
import type { FetchLike, WebSocketConstructor } from './platform.js';

export interface ChatClientOptions {
  /** The gateway, e.g. `https://chat.example.com` (the socket is `/ws` on it). */
  baseUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Defaults to the global `WebSocket`; in Node pass the `ws` package's. */
  WebSocket?: WebSocketConstructor;
  /** Tokens saved from an earlier session (see the session's `tokens` event). */
  tokens?: Tokens;
  /**
   * The last seq the app processed (saved from an earlier session): the stream resumes
   * after it. `'latest'` starts at the server's head (no history). Default 0: everything.
   */
  lastSeq?: number | 'latest';
  /** This device's id for delivery receipts (keep it stable per install). Default: random. */
  deviceId?: string;
  /** How long a command waits for its outcome before rejecting `TIMEOUT`. Default 30 s. */
  commandTimeoutMs?: number;
  /** How long a gap may stay open (pushes can pass each other) before `/sync` fills it. Default 300 ms. */
  gapGraceMs?: number;
  /** How often delivery acks are sent at most. Default 200 ms. */
  ackDelayMs?: number;
  /** `/sync` page size (1–1000). Default 500. */
  syncPageSize?: number;
  /** How long a user shows as typing after their last `typing` push. Default 5 s. */
  typingTimeoutMs?: number;
  reconnect?: BackoffOptions;
  /** Backoff of send retries. */
  retry?: BackoffOptions;
  pingIntervalMs?: number;
}
