import { Backoff } from '../backoff.js';
import { SOCKET_OPEN, Timer, WebSocketConstructor, WebSocketLike } from '../platform.js';
import type { ServerFrame } from './server-events.js';

/** Where the socket is: `open` is connected, not yet caught up (see `Connection.ready`). */
export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

/** Close codes: ours for a socket we gave up on; the gateway's for a bad token. */
export const CLOSE_ABANDONED = 4000;
export const CLOSE_UNAUTHORIZED = 4401;

export interface ReconnectingSocketOptions {
  WebSocket: WebSocketConstructor;
  /** The URL to open now (with a fresh access token). */
  url(): Promise<string>;
  onFrame(frame: ServerFrame): void;
  onState(state: ConnectionState, code?: number): void;
  /** The gateway refused the token (4401): refresh; false when the session is over. */
  onUnauthorized(): Promise<boolean>;
  /** `url()` failed: false when it is no use retrying (logged out). */
  onUrlError(err: unknown): boolean;
  backoff: Backoff;
  connectTimeoutMs?: number;
  /** App-level `ping` period: a socket silent for two periods is dead (browsers see no protocol pings). */
  pingIntervalMs?: number;
}

/**
 * One WebSocket that comes back: after any close it reconnects with backoff (reset once
 * the app says the connection is healthy), refreshing the token first after a 4401.
 */
export class ReconnectingSocket {
  private ws?: WebSocketLike;
  private stopped = true;
  private retryTimer?: Timer;
  private pingTimer?: ReturnType<typeof setInterval>;
  private lastFrameAt = 0;
  private connectTimer?: Timer;

  constructor(private readonly options: ReconnectingSocketOptions) {}

  get isOpen(): boolean {
    return this.ws?.readyState === SOCKET_OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.ws) this.abandon(this.ws, 1000);
  }

  /** The connection works (the app got `ready`): the next drop retries quickly again. */
  healthy(): void {
    this.options.backoff.reset();
  }

  /** Sends a frame; false when not open (the caller keeps what matters for later). */
  send(frame: unknown): boolean {
    if (!this.ws || this.ws.readyState !== SOCKET_OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Drops the connection as a network failure would; it comes back by itself. */
  drop(): void {
    if (this.ws) this.abandon(this.ws, CLOSE_ABANDONED);
  }

  private async open(): Promise<void> {
    this.retryTimer = undefined;
    if (this.stopped) return;
    this.options.onState('connecting');
    let url: string;
    try {
      url = await this.options.url();
    } catch (err) {
      if (this.options.onUrlError(err)) this.schedule();
      else this.stopped = true;
      return;
    }
    if (this.stopped) return;
    const ws = new this.options.WebSocket(url);
    this.ws = ws;
    this.connectTimer = setTimeout(
      () => this.abandon(ws, CLOSE_ABANDONED),
      this.options.connectTimeoutMs ?? 10_000,
    );
    ws.onopen = () => {
      clearTimeout(this.connectTimer);
      this.lastFrameAt = Date.now();
      this.startPings(ws);
      this.options.onState('open');
    };
    ws.onmessage = (event) => {
      this.lastFrameAt = Date.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(typeof event.data === 'string' ? event.data : String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      this.options.onFrame(frame);
    };
    ws.onerror = () => undefined; // a close event follows
    ws.onclose = (event) => this.closed(ws, event.code);
  }

  private startPings(ws: WebSocketLike): void {
    const period = this.options.pingIntervalMs ?? 25_000;
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastFrameAt > 2 * period) this.abandon(ws, CLOSE_ABANDONED);
      else this.send({ type: 'ping' });
    }, period);
  }

  /** Gives up on `ws` now, without waiting for a close handshake a dead network never finishes. */
  private abandon(ws: WebSocketLike, code: number): void {
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close(code);
    } catch {
      // already closing
    }
    this.closed(ws, code);
  }

  private closed(ws: WebSocketLike, code: number): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    clearTimeout(this.connectTimer);
    clearInterval(this.pingTimer);
    this.options.onState('closed', code);
    if (this.stopped) return;
    if (code !== CLOSE_UNAUTHORIZED) return this.schedule();
    void this.options.onUnauthorized().then((ok) => (ok ? this.schedule() : this.stop()));
  }

  private schedule(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => void this.open(), this.options.backoff.next());
  }
}
