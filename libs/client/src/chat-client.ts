import { AckBatcher } from './ack-batcher.js';
import { Backoff, BackoffOptions } from './backoff.js';
import { CommandTracker } from './command-tracker.js';
import { Emitter, Handler } from './emitter.js';
import { ApiError, CommandError } from './errors.js';
import { EventSequencer } from './event-sequencer.js';
import { HttpSession } from './http-session.js';
import { defaultFetch, defaultWebSocket, FetchLike, Timer, uuid, WebSocketConstructor } from './platform.js';
import { ReconnectingSocket } from './reconnecting-socket.js';
import { PendingSend, SendQueue, SendResult } from './send-queue.js';
import type {
  AllEventMap,
  ChatEvent,
  ChatSummary,
  CommandOutcome,
  ConnectionState,
  MessagePage,
  RegisterInput,
  ServerFrame,
  Session,
  StoredEvent,
  SyncPage,
  Tokens,
  User,
} from './types.js';

export interface ChatClientOptions {
  /** The gateway, e.g. `https://chat.example.com` (the socket is `/ws` on it). */
  baseUrl: string;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Defaults to the global `WebSocket`; in Node pass the `ws` package's. */
  WebSocket?: WebSocketConstructor;
  /** Tokens saved from an earlier session (see the `tokens` event). */
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
  reconnect?: BackoffOptions;
  /** Backoff of send retries. */
  retry?: BackoffOptions;
  pingIntervalMs?: number;
}

/**
 * A client of the chat backend for apps: tokens kept fresh, commands that resolve with
 * their outcome, and an event stream that survives reconnects without gaps or duplicates.
 *
 * @example
 * const client = new ChatClient({ baseUrl: 'https://chat.example.com' });
 * await client.login('alice', 'secret-password');
 * client.on('message.created', (m) => console.log(m.content));
 * await client.connect();
 * await client.sendMessage(chatId, 'hello');
 */
export class ChatClient {
  readonly deviceId: string;
  private readonly emitter: Emitter<AllEventMap>;
  private readonly http: HttpSession;
  private readonly socket: ReconnectingSocket;
  private readonly tracker = new CommandTracker();
  private readonly sends: SendQueue;
  private readonly acks: AckBatcher;
  private sequencer?: EventSequencer;
  private readonly startAt: number | 'latest';
  private currentUser?: User;
  private connectionState: ConnectionState = 'idle';
  private online = false;
  private onlineWaiters: Array<() => void> = [];
  private readyWaiters: Array<{ resolve(): void; reject(err: unknown): void }> = [];
  private syncing?: Promise<void>;
  private gapTimer?: Timer;
  private readonly syncBackoff: Backoff;
  private socketToken?: string;

  constructor(private readonly options: ChatClientOptions) {
    const fetch = options.fetch ?? defaultFetch();
    const WebSocket = options.WebSocket ?? defaultWebSocket();
    if (!fetch) throw new Error('no fetch: pass options.fetch');
    if (!WebSocket) throw new Error('no WebSocket: pass options.WebSocket');
    this.deviceId = options.deviceId ?? uuid();
    this.startAt = options.lastSeq ?? 0;
    if (typeof this.startAt === 'number') this.sequencer = this.newSequencer(this.startAt);
    this.emitter = new Emitter<AllEventMap>((err) => this.emitter.emit('error', toError(err)));
    this.http = new HttpSession({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      fetch,
      onTokens: (tokens) => this.emitter.emit('tokens', tokens),
      onExpired: (status) => this.expired(status),
    });
    if (options.tokens) this.http.setTokens(options.tokens);
    this.syncBackoff = new Backoff(options.reconnect);
    this.acks = new AckBatcher((seq) => this.socket.send({ type: 'ack', seq }), options.ackDelayMs);
    this.socket = new ReconnectingSocket({
      WebSocket,
      backoff: new Backoff(options.reconnect),
      pingIntervalMs: options.pingIntervalMs,
      url: async () => {
        this.socketToken = await this.http.accessToken();
        const base = this.options.baseUrl.replace(/\/+$/, '').replace(/^http/, 'ws');
        return `${base}/ws?token=${encodeURIComponent(this.socketToken)}&deviceId=${encodeURIComponent(this.deviceId)}`;
      },
      onUrlError: (err) => !(err instanceof ApiError && err.status === 401),
      onFrame: (frame) => this.onFrame(frame),
      onState: (state, code) => this.onSocketState(state, code),
      onUnauthorized: () =>
        this.http.refresh(this.socketToken).then(
          () => true,
          (err: unknown) => !(err instanceof ApiError && err.status === 401),
        ),
    });
    this.sends = new SendQueue({
      backoff: new Backoff({ initialMs: 250, maxMs: 10_000, ...options.retry }),
      online: () => this.whenOnline(),
      post: async (send) =>
        (
          await this.http.request<{ commandId: string }>('POST', `/chats/${enc(send.chatId)}/messages`, {
            clientMessageId: send.clientMessageId,
            content: send.content,
          })
        ).commandId,
      outcome: (commandId) => this.tracker.wait<SendResult>(commandId, this.commandTimeoutMs),
      onRetry: (err) => this.emitter.emit('error', toError(err)),
    });
  }

  // ---- session ----

  /** Registers a new user and keeps their tokens. */
  async register(input: RegisterInput): Promise<Session> {
    return this.startSession(await this.http.send<Session>('POST', '/auth/register', input));
  }

  async login(username: string, password: string): Promise<Session> {
    return this.startSession(await this.http.send<Session>('POST', '/auth/login', { username, password }));
  }

  /** Ends this login everywhere it is used (its refresh token family) and closes the client. */
  async logout(): Promise<void> {
    const tokens = this.http.current;
    this.close();
    if (tokens) await this.http.send('POST', '/auth/logout', { refreshToken: tokens.refreshToken });
    this.http.setTokens(undefined);
  }

  /** Rotates the tokens now (normally automatic). */
  refreshTokens(): Promise<Tokens> {
    return this.http.refresh();
  }

  get tokens(): Tokens | undefined {
    return this.http.current;
  }

  /** The logged-in user (after register or login, or `me()`). */
  get user(): User | undefined {
    return this.currentUser;
  }

  // ---- connection and events ----

  /** Opens the socket; resolves once it is ready and the stream has caught up. */
  connect(): Promise<void> {
    const ready = new Promise<void>((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
    if (this.online) this.settleReady();
    this.socket.start();
    return ready;
  }

  /** Closes the socket for good and rejects what still waits (code `CLOSED`). */
  close(): void {
    this.socket.stop();
    this.acks.flush();
    this.acks.stop();
    clearTimeout(this.gapTimer);
    this.tracker.failAll('CLOSED', 'the client was closed');
    this.sends.close(new CommandError('CLOSED', 'the client was closed'));
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(new Error('the client was closed'));
  }

  /** Drops the socket as a network failure would (for tests and "reconnect now" buttons). */
  dropConnection(): void {
    this.socket.drop();
  }

  get state(): ConnectionState {
    return this.connectionState;
  }

  /** The seq of the last stored event handed to the app: save it to resume from next time. */
  get lastSeq(): number {
    return this.sequencer?.lastSeq ?? 0;
  }

  /** Messages written but not yet accepted by the server (offline or retrying). */
  get pendingSends(): PendingSend[] {
    return this.sends.pending;
  }

  /** Subscribes to an event (server events by type, or the client's own); returns the unsubscribe. */
  on<K extends keyof AllEventMap>(type: K, handler: Handler<AllEventMap[K]>): () => void {
    return this.emitter.on(type, handler);
  }

  once<K extends keyof AllEventMap>(type: K, handler: Handler<AllEventMap[K]>): () => void {
    return this.emitter.once(type, handler);
  }

  /** Tells the chat's other members this user is typing (ephemeral; dropped while offline). */
  typing(chatId: string): boolean {
    return this.socket.send({ type: 'typing', chatId });
  }

  // ---- queries ----

  async me(): Promise<User> {
    return (this.currentUser = await this.http.request<User>('GET', '/users/me'));
  }

  chats(): Promise<ChatSummary[]> {
    return this.http.request('GET', '/users/me/chats');
  }

  chat(chatId: string): Promise<Record<string, unknown>> {
    return this.http.request('GET', `/chats/${enc(chatId)}`);
  }

  messages(chatId: string, page: { beforeSeq?: number; limit?: number } = {}): Promise<MessagePage> {
    const query = [
      page.beforeSeq !== undefined ? `beforeSeq=${page.beforeSeq}` : '',
      page.limit !== undefined ? `limit=${page.limit}` : '',
    ].filter(Boolean);
    return this.http.request(
      'GET',
      `/chats/${enc(chatId)}/messages${query.length ? `?${query.join('&')}` : ''}`,
    );
  }

  profile(userId: string): Promise<Record<string, unknown>> {
    return this.http.request('GET', `/users/${enc(userId)}/profile`);
  }

  setStatus(status: 'online' | 'away' | 'busy' | 'offline'): Promise<unknown> {
    return this.http.request('PUT', '/users/me/status', { status });
  }

  /** Any authenticated request, for routes without a helper. */
  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.http.request<T>(method, path, body);
  }

  // ---- commands (resolve with command.succeeded's result, reject with command.failed's code) ----

  /** Any command route: resolves with its `result`, rejects with a `CommandError` carrying its `code`. */
  async command<R = unknown>(method: string, path: string, body?: unknown): Promise<R> {
    const { commandId } = await this.http.request<{ commandId: string }>(method, path, body);
    return this.tracker.wait<R>(commandId, this.commandTimeoutMs);
  }

  /**
   * Sends a message; queued while offline and retried with the same `clientMessageId`
   * (stored once whatever happens), in the order written.
   */
  sendMessage(chatId: string, content: string, clientMessageId = uuid()): Promise<SendResult> {
    return this.sends.enqueue({ chatId, content, clientMessageId });
  }

  createPrivateChat(userId: string): Promise<{ chatId: string }> {
    return this.command('POST', '/chats/private', { userId });
  }

  createGroup(name: string, memberIds: string[]): Promise<{ chatId: string }> {
    return this.command('POST', '/chats/group', { name, memberIds });
  }

  addMember(chatId: string, userId: string): Promise<unknown> {
    return this.command('POST', `/chats/${enc(chatId)}/members`, { userId });
  }

  removeMember(chatId: string, userId: string): Promise<unknown> {
    return this.command('DELETE', `/chats/${enc(chatId)}/members/${enc(userId)}`);
  }

  editMessage(chatId: string, messageId: string, content: string): Promise<unknown> {
    return this.command('PATCH', `/chats/${enc(chatId)}/messages/${enc(messageId)}`, { content });
  }

  deleteMessage(chatId: string, messageId: string): Promise<unknown> {
    return this.command('DELETE', `/chats/${enc(chatId)}/messages/${enc(messageId)}`);
  }

  markRead(chatId: string, seq: number): Promise<unknown> {
    return this.command('POST', `/chats/${enc(chatId)}/read`, { seq });
  }

  block(userId: string): Promise<unknown> {
    return this.command('POST', `/users/${enc(userId)}/block`);
  }

  unblock(userId: string): Promise<unknown> {
    return this.command('DELETE', `/users/${enc(userId)}/block`);
  }

  /** Asks ChatUp for a partner (`chatup.matched` or `chatup.expired` follows when waiting). */
  chatUp(tags?: string[]): Promise<{ status: 'matched' | 'waiting'; expiresAt?: string }> {
    return this.command('POST', '/chatup', tags ? { tags } : {});
  }

  cancelChatUp(): Promise<unknown> {
    return this.command('DELETE', '/chatup');
  }

  // ---- internals ----

  private get commandTimeoutMs(): number {
    return this.options.commandTimeoutMs ?? 30_000;
  }

  private startSession(session: Session): Session {
    this.currentUser = session.user;
    this.http.setTokens({ accessToken: session.accessToken, refreshToken: session.refreshToken });
    return session;
  }

  private newSequencer(lastSeq: number): EventSequencer {
    return new EventSequencer(lastSeq, (event) => this.deliver(event));
  }

  private onFrame(frame: ServerFrame): void {
    if (frame.type === 'ready') return void this.onReady(frame.data as { userId: string; lastSeq: number });
    if (frame.type === 'pong') return;
    if (frame.type === 'error') {
      const message = (frame.data as { message?: string })?.message ?? 'error frame';
      return this.emitter.emit('error', new Error(`server: ${message}`));
    }
    if (typeof frame.seq !== 'number') return this.deliver(frame);
    if (!this.sequencer) return; // 'latest' before the first ready: nothing to resume from yet
    this.sequencer.accept({ seq: frame.seq, type: frame.type, data: frame.data });
    if (this.sequencer.hasGap) this.scheduleGapFill();
  }

  private async onReady(ready: { userId: string; lastSeq: number }): Promise<void> {
    this.sequencer ??= this.newSequencer(ready.lastSeq);
    this.acks.flush();
    try {
      // A sync already running may have started below this head: catch up again (bounded).
      for (let round = 0; round < 3 && (ready.lastSeq > this.lastSeq || this.sequencer.hasGap); round++)
        await this.catchUp();
    } catch (err) {
      // The socket is up but /sync is not: try the gap again shortly; stay offline meanwhile.
      this.emitter.emit('error', toError(err));
      this.scheduleGapFill(this.syncBackoff.next());
      return;
    }
    if (this.connectionState !== 'open') return; // dropped while catching up
    this.socket.healthy();
    this.online = true;
    for (const wake of this.onlineWaiters.splice(0)) wake();
    this.emitter.emit('ready', ready);
    this.settleReady();
  }

  private settleReady(): void {
    for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
  }

  private onSocketState(state: ConnectionState, code?: number): void {
    this.connectionState = state;
    if (state !== 'open') this.online = false;
    this.emitter.emit('connection', { state, code });
  }

  private whenOnline(): Promise<void> {
    return this.online ? Promise.resolve() : new Promise((resolve) => this.onlineWaiters.push(resolve));
  }

  /** Reads `/sync` after the last processed seq until `hasMore` is false (one run at a time). */
  private catchUp(): Promise<void> {
    this.syncing ??= this.runSync().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async runSync(): Promise<void> {
    const sequencer = this.sequencer;
    if (!sequencer) return;
    let after = sequencer.lastSeq;
    const limit = this.options.syncPageSize ?? 500;
    for (;;) {
      const page = await this.http.request<SyncPage>(
        'GET',
        `/sync?after=${after}&limit=${limit}&deviceId=${enc(this.deviceId)}`,
      );
      if (page.reset) {
        sequencer.reset(page.nextAfter);
        this.emitter.emit('reset', { nextAfter: page.nextAfter });
      }
      for (const event of page.events) sequencer.accept(event);
      after = Math.max(page.nextAfter, sequencer.lastSeq);
      if (!page.hasMore) break;
    }
    this.syncBackoff.reset();
  }

  private scheduleGapFill(delay = this.options.gapGraceMs ?? 300): void {
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (!this.sequencer?.hasGap && this.connectionState !== 'open') return;
      void this.catchUp().then(
        () => {
          if (this.sequencer?.hasGap) this.scheduleGapFill();
          else if (!this.online && this.connectionState === 'open') this.resumeOnline();
        },
        (err: unknown) => {
          this.emitter.emit('error', toError(err));
          this.scheduleGapFill(this.syncBackoff.next());
        },
      );
    }, delay);
  }

  /** A catch-up that failed at `ready` has now succeeded. */
  private resumeOnline(): void {
    this.online = true;
    for (const wake of this.onlineWaiters.splice(0)) wake();
    this.settleReady();
  }

  /** Hands one event to the app (stored ones here in seq order, once each). */
  private deliver(event: StoredEvent | ChatEvent): void {
    const { type, seq, data } = event;
    this.emitter.emit(type as keyof AllEventMap, data as never, seq);
    this.emitter.emit('event', { type, seq, data });
    if (type === 'command.succeeded' || type === 'command.failed')
      this.tracker.settle(type, data as CommandOutcome);
    if (seq !== undefined) this.acks.note(seq);
  }

  private expired(status: number): void {
    this.emitter.emit('session.expired', { status });
    this.close();
  }
}

const enc = encodeURIComponent;

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
