import type { Api } from '../api/api.js';
import type { ChatMember, ChatSummary, ChatType, Message, MessagePage } from '../api/api-schemas.js';
import type {
  MembershipResult,
  MessageChangedResult,
  ReadResult,
  SendResult,
} from '../commands/command-results.js';
import type { Commands } from '../commands/commands.js';
import { Emitter, Handler } from '../emitter.js';
import { uuid } from '../platform.js';
import type { ChatEvent } from './chat-events.js';
import { ChatMembers } from './chat-members.js';
import { mergeMessages } from './message-list.js';
import { TypingUsers } from './typing-users.js';

/** What a chat is, once known (from `load()` or its `chat.created`). */
export interface ChatInfo {
  id: string;
  type: ChatType;
  /** Null for private chats. */
  name: string | null;
  createdAt: string;
}

export type ChatPart = 'info' | 'messages' | 'members' | 'receipts' | 'typing';

/** One change notification: which parts changed, and the event type (or `load`) that did it. */
export interface ChatChange {
  chat: ChatState;
  parts: readonly ChatPart[];
  cause: string;
}

export interface ChatStateEventMap {
  change: ChatChange;
}

export interface ChatStateDeps {
  api: Api;
  commands: Commands;
  /** Sends a client frame on the socket; false while it is down. */
  sendFrame: (frame: { type: string; chatId: string }) => boolean;
  /** The signed-in user's id, when known. */
  selfId: () => string | undefined;
  typingTimeoutMs: number;
  onError: (err: unknown) => void;
}

/**
 * One chat as the app shows it: its messages (ascending by seq), members with their read and
 * delivery marks, and who is typing, kept up to date by the connection's events, with a
 * `change` notification after each. Every list is replaced, never mutated, on a change, so
 * views can compare by reference. Also the chat's commands.
 *
 * @example
 * const chat = client.chat(chatId);
 * chat.on('change', () => render(chat.messages, chat.members, chat.typing));
 * await chat.load();
 * await chat.send('hello');
 */
export class ChatState {
  private readonly emitter: Emitter<ChatStateEventMap>;
  private readonly memberState = new ChatMembers();
  private readonly typingUsers: TypingUsers;
  private chatInfo?: ChatInfo;
  private messageList: readonly Message[] = [];
  private newestSeq = 0;
  /** `beforeSeq` of the next older page: undefined before `load()`, null when there is none. */
  private olderBefore?: number | null;
  private loading?: Promise<this>;
  /** Events applied while a load was in flight, applied again over its (possibly older) answer. */
  private replay?: ChatEvent[];

  constructor(
    readonly id: string,
    private readonly deps: ChatStateDeps,
  ) {
    this.emitter = new Emitter<ChatStateEventMap>(deps.onError);
    this.typingUsers = new TypingUsers(deps.typingTimeoutMs, () => this.changed(['typing'], 'typing'));
  }

  get info(): ChatInfo | undefined {
    return this.chatInfo;
  }

  /** The messages known so far, ascending by seq: the loaded pages and everything pushed since. */
  get messages(): readonly Message[] {
    return this.messageList;
  }

  get members(): readonly ChatMember[] {
    return this.memberState.list;
  }

  /** Ids of the users typing now (never the caller: the server relays typing to the others). */
  get typing(): readonly string[] {
    return this.typingUsers.list;
  }

  /** The highest message seq known in this chat. */
  get lastSeq(): number {
    return this.newestSeq;
  }

  get loaded(): boolean {
    return this.olderBefore !== undefined;
  }

  /** Older messages remain to be loaded (`loadOlder`). */
  get hasOlder(): boolean {
    return this.olderBefore !== null;
  }

  /** The chat seq `userId` has read up to (0: nothing), as receipts say. */
  readMark(userId: string): number {
    return this.memberState.readMark(userId);
  }

  /** The chat seq that reached at least one of `userId`'s devices. */
  deliveredMark(userId: string): number {
    return this.memberState.deliveredMark(userId);
  }

  on<K extends keyof ChatStateEventMap>(type: K, handler: Handler<ChatStateEventMap[K]>): () => void {
    return this.emitter.on(type, handler);
  }

  // ---- queries ----

  /** Reads the chat and its newest `limit` messages; events that arrive meanwhile are kept. */
  load(limit = 50): Promise<this> {
    this.loading ??= this.fetch(limit).finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Reads the page before the oldest loaded message; resolves with it (ascending). */
  async loadOlder(limit = 50): Promise<readonly Message[]> {
    if (!this.loaded) await this.load(limit);
    if (this.olderBefore === null || this.olderBefore === undefined) return [];
    const page = await this.page({ beforeSeq: this.olderBefore, limit });
    this.takePage(page);
    this.changed(['messages'], 'loadOlder');
    return [...page.messages].reverse();
  }

  // ---- commands (resolve with command.succeeded's result, reject with command.failed's code) ----

  /** Sends a message; held while offline and retried with one clientMessageId (stored once). */
  send(content: string, clientMessageId = uuid()): Promise<SendResult> {
    return this.deps.commands.send({ chatId: this.id, content, clientMessageId });
  }

  /** The sender only. */
  edit(messageId: string, content: string): Promise<MessageChangedResult> {
    return this.deps.commands.run('patch', '/chats/{id}/messages/{messageId}', {
      path: { id: this.id, messageId },
      body: { content },
    });
  }

  /** The sender, or a group admin. */
  delete(messageId: string): Promise<MessageChangedResult> {
    return this.deps.commands.run('delete', '/chats/{id}/messages/{messageId}', {
      path: { id: this.id, messageId },
    });
  }

  /** Marks the chat read up to `seq` (default: the newest message known). */
  markRead(seq = this.newestSeq): Promise<ReadResult> {
    return this.deps.commands.run('post', '/chats/{id}/read', { path: { id: this.id }, body: { seq } });
  }

  /** Admins of groups only. */
  addMember(userId: string): Promise<MembershipResult> {
    return this.deps.commands.run('post', '/chats/{id}/members', { path: { id: this.id }, body: { userId } });
  }

  /** Admins, or a member removing themself. */
  removeMember(userId: string): Promise<MembershipResult> {
    return this.deps.commands.run('delete', '/chats/{id}/members/{userId}', {
      path: { id: this.id, userId },
    });
  }

  leave(): Promise<MembershipResult> {
    const self = this.deps.selfId();
    return self ? this.removeMember(self) : Promise.reject(new Error('not signed in'));
  }

  /** Tells the other members the caller is typing (ephemeral; false while offline). */
  sendTyping(): boolean {
    return this.deps.sendFrame({ type: 'typing', chatId: this.id });
  }

  // ---- kept up to date ----

  /** Applies one of this chat's events (the registry routes them here) and tells the listeners. */
  apply(event: ChatEvent): void {
    this.replay?.push(event);
    const parts = this.update(event);
    if (parts.length) this.changed(parts, event.type);
  }

  /** Stops the typing timers (the client is closing or forgot this chat). */
  dispose(): void {
    this.typingUsers.clear();
  }

  /** Changes the state by one event; returns the parts that changed. */
  private update(event: ChatEvent): ChatPart[] {
    switch (event.type) {
      case 'message.created':
      case 'message.updated':
      case 'message.deleted': {
        this.takeMessages([event.data]);
        const stoppedTyping =
          event.type === 'message.created' && this.typingUsers.stopped(event.data.senderId);
        return stoppedTyping ? ['messages', 'typing'] : ['messages'];
      }
      case 'chat.created': {
        const { id, type, name, createdAt, members } = event.data;
        this.chatInfo = { id, type, name, createdAt };
        this.memberState.replace(members);
        return ['info', 'members'];
      }
      case 'chat.member_added':
        return this.memberState.add(event.data.userId) ? ['members'] : [];
      case 'chat.member_removed':
        return this.memberState.remove(event.data.userId) ? ['members'] : [];
      case 'chat.read':
        return this.memberState.markRead(event.data.userId, event.data.seq) ? ['receipts'] : [];
      case 'chat.delivered':
        return this.memberState.markDelivered(event.data.userId, event.data.seq) ? ['receipts'] : [];
      case 'typing':
        return this.typingUsers.typing(event.data.userId) ? ['typing'] : [];
    }
  }

  private async fetch(limit: number): Promise<this> {
    this.replay = [];
    try {
      const [chat, page] = await Promise.all([
        this.deps.api.call('get', '/chats/{id}', { path: { id: this.id } }),
        this.page({ limit }),
      ]);
      this.takeChat(chat);
      this.takePage(page);
      // The answers may predate events that arrived while they were on their way.
      for (const event of this.replay) this.update(event);
    } finally {
      this.replay = undefined;
    }
    this.changed(['info', 'members', 'receipts', 'messages'], 'load');
    return this;
  }

  private page(query: { beforeSeq?: number; limit: number }): Promise<MessagePage> {
    return this.deps.api.call('get', '/chats/{id}/messages', { path: { id: this.id }, query });
  }

  private takeChat(chat: ChatSummary): void {
    const { id, type, name, createdAt, members, lastSeq } = chat;
    this.chatInfo = { id, type, name, createdAt };
    this.memberState.replace(members);
    this.newestSeq = Math.max(this.newestSeq, lastSeq);
  }

  private takePage(page: MessagePage): void {
    this.takeMessages(page.messages);
    this.olderBefore = page.nextBeforeSeq;
  }

  private takeMessages(messages: readonly Message[]): void {
    this.messageList = mergeMessages(this.messageList, messages);
    for (const m of messages) this.newestSeq = Math.max(this.newestSeq, m.seq);
  }

  private changed(parts: readonly ChatPart[], cause: string): void {
    this.emitter.emit('change', { chat: this, parts, cause });
  }
}
