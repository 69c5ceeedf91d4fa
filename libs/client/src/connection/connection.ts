import type { Api } from '../api/api.js';
import type { Tokens } from '../api/api-schemas.js';
import { Backoff, BackoffOptions } from '../backoff.js';
import { Emitter, Handler } from '../emitter.js';
import { ApiError, toError } from '../errors.js';
import type { Timer, WebSocketConstructor } from '../platform.js';
import { AckBatcher } from './ack-batcher.js';
import { CatchUp } from './catch-up.js';
import type { ConnectionEventMap } from './connection-events.js';
import { EventSequencer } from './event-sequencer.js';
import { ConnectionState, ReconnectingSocket } from './reconnecting-socket.js';
import type { SequencedEvent, ServerFrame, StreamEvent } from './server-events.js';

/** The session's side of the socket: a fresh access token, and a refresh after a 4401. */
export interface SocketAuth {
  accessToken(): Promise<string>;
  refresh(staleAccessToken?: string): Promise<Tokens>;
}

export interface ConnectionOptions {
  baseUrl: string;
  WebSocket: WebSocketConstructor;
  api: Api;
  auth: SocketAuth;
  deviceId: string;
  /** Resume after this seq; `'latest'` starts at the server's head. */
  lastSeq: number | 'latest';
  gapGraceMs?: number;
  ackDelayMs?: number;
  syncPageSize?: number;
  reconnect?: BackoffOptions;
  pingIntervalMs?: number;
  /** A problem the connection recovered from, or a handler that threw. */
  onError: (err: Error) => void;
}

/**
 * The socket and the event stream it carries: reconnects with backoff, resumes through
 * `/sync` from the last processed seq, hands every stored event to the app once and in seq
 * order (a push ahead of a gap waits while `/sync` fills it), and acknowledges what it
 * processed with batched delivery acks.
 */
export class Connection {
  private readonly emitter: Emitter<ConnectionEventMap>;
  private readonly socket: ReconnectingSocket;
  private readonly acks: AckBatcher;
  private readonly catchUp: CatchUp;
  private readonly syncBackoff: Backoff;
  private sequencer?: EventSequencer;
  private connectionState: ConnectionState = 'idle';
  private online = false;
  private onlineWaiters: Array<() => void> = [];
  private readyWaiters: Array<{ resolve(): void; reject(err: unknown): void }> = [];
  private gapTimer?: Timer;
  private socketToken?: string;

  constructor(private readonly options: ConnectionOptions) {
    this.emitter = new Emitter<ConnectionEventMap>((err) => options.onError(toError(err)));
    if (typeof options.lastSeq === 'number') this.sequencer = this.newSequencer(options.lastSeq);
    this.syncBackoff = new Backoff(options.reconnect);
    this.acks = new AckBatcher((seq) => this.socket.send({ type: 'ack', seq }), options.ackDelayMs);
    this.catchUp = new CatchUp({
      api: options.api,
      deviceId: options.deviceId,
      pageSize: options.syncPageSize ?? 500,
      onReset: (nextAfter) => this.emitter.emit('reset', { nextAfter }),
    });
    this.socket = new ReconnectingSocket({
      WebSocket: options.WebSocket,
      backoff: new Backoff(options.reconnect),
      pingIntervalMs: options.pingIntervalMs,
      url: () => this.socketUrl(),
      onUrlError: (err) => !(err instanceof ApiError && err.status === 401),
      onFrame: (frame) => this.onFrame(frame),
      onState: (state, code) => this.onSocketState(state, code),
      onUnauthorized: () =>
        options.auth.refresh(this.socketToken).then(
          () => true,
          (err: unknown) => !(err instanceof ApiError && err.status === 401),
        ),
    });
  }

  /** Opens the socket; resolves once it is ready and the stream has caught up. */
  connect(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
    if (this.online) this.settleReady();
    this.socket.start();
    return ready;
  }

  /** Closes the socket for good; `connect()` calls still waiting reject. */
  close(): void {
    this.socket.stop();
    this.acks.flush();
    this.acks.stop();
    clearTimeout(this.gapTimer);
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(new Error('the client was closed'));
  }

  /** Drops the socket as a network failure would (for tests and "reconnect now" buttons). */
  drop(): void {
    this.socket.drop();
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  /** The seq of the last stored event handed to the app: save it to resume from next time. */
  get lastSeq(): number {
    return this.sequencer?.lastSeq ?? 0;
  }

  /** Resolves when the socket is open and caught up. */
  whenOnline(): Promise<void> {
    return this.online ? Promise.resolve() : new Promise((resolve) => this.onlineWaiters.push(resolve));
  }

  /** Sends a client frame (typing, signals); false while the socket is not open. */
  send(frame: { type: string; [field: string]: unknown }): boolean {
    return this.socket.send(frame);
  }

  /** Subscribes to a server event by type, or to the connection's own; returns the unsubscribe. */
  on<K extends keyof ConnectionEventMap>(type: K, handler: Handler<ConnectionEventMap[K]>): () => void {
    return this.emitter.on(type, handler);
  }

  once<K extends keyof ConnectionEventMap>(type: K, handler: Handler<ConnectionEventMap[K]>): () => void {
    return this.emitter.once(type, handler);
  }

  private async socketUrl(): Promise<string> {
    this.socketToken = await this.options.auth.accessToken();
    const base = this.options.baseUrl.replace(/^http/, 'ws');
    const token = encodeURIComponent(this.socketToken);
    return `${base}/ws?token=${token}&deviceId=${encodeURIComponent(this.options.deviceId)}`;
  }

  private newSequencer(lastSeq: number): EventSequencer {
    return new EventSequencer(lastSeq, (event) => this.deliver(event));
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'ready') return void this.onReady(frame.data as { userId: string; lastSeq: number });
    if (frame.type === 'pong') return;
    if (frame.type === 'error') {
      const message = (frame.data as { message?: string } | undefined)?.message ?? 'error frame';
      return this.options.onError(new Error(`server: ${message}`));
    }
    if (typeof frame.seq !== 'number') return this.deliver(frame);
    if (!this.sequencer) return; // 'latest' before the first ready: nothing to resume from yet
    this.sequencer.accept({ seq: frame.seq, type: frame.type, data: frame.data });
    if (this.sequencer.hasGap) this.scheduleGapFill();
  }

  private async onReady(ready: { userId: string; lastSeq: number }): Promise<void> {
    const sequencer = (this.sequencer ??= this.newSequencer(ready.lastSeq));
    this.acks.flush();
    try {
      // A sync already running may have started below this head: catch up again (bounded).
      for (let round = 0; round < 3 && (ready.lastSeq > this.lastSeq || sequencer.hasGap); round++)
        await this.sync(sequencer);
    } catch (err) {
      // The socket is up but /sync is not: try the gap again shortly; stay offline meanwhile.
      this.options.onError(toError(err));
      this.scheduleGapFill(this.syncBackoff.next());
      return;
    }
    if (this.connectionState !== 'open') return; // dropped while catching up
    this.socket.healthy();
    this.goOnline();
    this.emitter.emit('ready', ready);
  }

  private async sync(sequencer: EventSequencer): Promise<void> {
    await this.catchUp.run(sequencer);
    this.syncBackoff.reset();
  }

  private settleReady(): void {
    for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
  }

  private goOnline(): void {
    this.online = true;
    for (const wake of this.onlineWaiters.splice(0)) wake();
    this.settleReady();
  }

  private onSocketState(state: ConnectionState, code?: number): void {
    this.connectionState = state;
    if (state !== 'open') this.online = false;
    this.emitter.emit('state', { state, code });
  }

  private scheduleGapFill(delay = this.options.gapGraceMs ?? 300): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      const sequencer = this.sequencer;
      if (!sequencer || (!sequencer.hasGap && this.connectionState !== 'open')) return;
      void this.sync(sequencer).then(
        () => {
          if (sequencer.hasGap) this.scheduleGapFill();
          // A catch-up that failed at `ready` has now succeeded.
          else if (!this.online && this.connectionState === 'open') this.goOnline();
        },
        (err: unknown) => {
          this.options.onError(toError(err));
          this.scheduleGapFill(this.syncBackoff.next());
        },
      );
    }, delay);
  }

  /** Hands one event to the app (stored ones here in seq order, once each). */
  private deliver(event: SequencedEvent | StreamEvent): void {
    const { type, seq, data } = event;
    this.emitter.emit(type as keyof ConnectionEventMap, data as never, seq);
    this.emitter.emit('event', { type, seq, data });
    if (seq !== undefined) this.acks.note(seq);
  }
}
