import type { Api } from './api/api.js';
import type { ChatSummary } from './api/api-schemas.js';
import { Backoff } from './backoff.js';
import type { ChatClientOptions } from './chat-client.options.js';
import { ChatUp } from './chatup/chat-up.js';
import { ChatRegistry } from './chats/chat-registry.js';
import type { ChatState } from './chats/chat-state.js';
import type { ChatCreatedResult } from './commands/command-results.js';
import { Commands } from './commands/commands.js';
import type { PendingSend } from './commands/send-queue.js';
import { Connection } from './connection/connection.js';
import { Emitter, Handler } from './emitter.js';
import { toError } from './errors.js';
import { defaultFetch, defaultWebSocket, uuid } from './platform.js';
import { Session } from './session/session.js';
import { Users } from './users/users.js';

/**
 * A client of the chat backend for apps, in parts: the `session` (who is signed in, tokens
 * kept fresh), the `connection` (the socket and a gap-free event stream across reconnects),
 * and one `chat(id)` state per chat (messages, members, receipts, typing, kept up to date,
 * with its commands).
 *
 * @example
 * const client = new ChatClient({ baseUrl: 'https://chat.example.com' });
 * await client.session.login('alice', 'secret-password');
 * await client.connection.connect();
 * const chat = client.chat(chatId);
 * chat.on('change', () => render(chat.messages));
 * await chat.load();
 * await chat.send('hello');
 */
export class ChatClient {
  readonly deviceId: string;
  readonly session: Session;
  readonly connection: Connection;
  readonly users: Users;
  readonly chatUp: ChatUp;
  /**
   * Any command route, typed, with its outcome awaited: for routes without a helper, e.g.
   * `client.commands.run('post', '/users/{id}/block', { path: { id } })`.
   */
  readonly commands: Pick<Commands, 'run'>;
  private readonly errors = new Emitter<{ error: Error }>();
  private readonly commandRunner: Commands;
  private readonly chats: ChatRegistry;

  constructor(options: ChatClientOptions) {
    const fetch = options.fetch ?? defaultFetch();
    const WebSocket = options.WebSocket ?? defaultWebSocket();
    if (!fetch) throw new Error('no fetch: pass options.fetch');
    if (!WebSocket) throw new Error('no WebSocket: pass options.WebSocket');
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const onError = (err: unknown) => this.errors.emit('error', toError(err));
    this.deviceId = options.deviceId ?? uuid();
    this.session = new Session({
      baseUrl,
      fetch,
      tokens: options.tokens,
      onEnd: () => this.close(),
      onError,
    });
    this.connection = new Connection({
      baseUrl,
      WebSocket,
      api: this.session.api,
      auth: { accessToken: () => this.session.accessToken(), refresh: (t) => this.session.refreshAfter(t) },
      deviceId: this.deviceId,
      lastSeq: options.lastSeq ?? 0,
      gapGraceMs: options.gapGraceMs,
      ackDelayMs: options.ackDelayMs,
      syncPageSize: options.syncPageSize,
      reconnect: options.reconnect,
      pingIntervalMs: options.pingIntervalMs,
      onError,
    });
    this.commands = this.commandRunner = new Commands({
      api: this.session.api,
      online: () => this.connection.whenOnline(),
      timeoutMs: options.commandTimeoutMs ?? 30_000,
      retry: new Backoff({ initialMs: 250, maxMs: 10_000, ...options.retry }),
      onRetry: onError,
    });
    this.connection.on('command.succeeded', (outcome) => this.commandRunner.succeeded(outcome));
    this.connection.on('command.failed', (outcome) => this.commandRunner.failed(outcome));
    this.chats = new ChatRegistry(this.connection, {
      api: this.session.api,
      commands: this.commandRunner,
      sendFrame: (frame) => this.connection.send(frame),
      selfId: () => this.session.user?.id,
      typingTimeoutMs: options.typingTimeoutMs ?? 5_000,
      onError,
    });
    this.users = new Users(this.session.api, this.commandRunner);
    this.chatUp = new ChatUp(this.commandRunner);
  }

  /** The gateway's routes, typed from its OpenAPI document, for routes without a helper. */
  get api(): Api {
    return this.session.api;
  }

  /** The state of one chat, kept up to date from now on (`load()` it for its history). */
  chat(chatId: string): ChatState {
    return this.chats.get(chatId);
  }

  /** Stops keeping `chatId`'s state (a later `chat(chatId)` starts a new one). */
  forgetChat(chatId: string): void {
    this.chats.forget(chatId);
  }

  /** The caller's chats, with members, last message and unread count. */
  listChats(): Promise<ChatSummary[]> {
    return this.api.call('get', '/users/me/chats');
  }

  /** The private chat with `userId` (the same one when asked again). */
  createPrivateChat(userId: string): Promise<ChatCreatedResult> {
    return this.commands.run('post', '/chats/private', { body: { userId } });
  }

  /** A group with the caller as its admin. */
  createGroup(name: string, memberIds: string[]): Promise<ChatCreatedResult> {
    return this.commands.run('post', '/chats/group', { body: { name, memberIds } });
  }

  /** Messages written but not yet accepted by the server (offline or retrying), oldest first. */
  get pendingSends(): PendingSend[] {
    return this.commandRunner.pendingSends;
  }

  /** Problems the client recovered from (a retried send, a failed catch-up) and handlers that threw. */
  onError(handler: Handler<Error>): () => void {
    return this.errors.on('error', handler);
  }

  /** Closes the socket for good and rejects what still waits (code `CLOSED`). */
  close(): void {
    this.connection.close();
    this.commandRunner.close();
    this.chats.close();
  }
}
