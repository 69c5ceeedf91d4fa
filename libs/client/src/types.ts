/** A user as the API returns it to themself. */
export interface User {
  id: string;
  username: string;
  email: string;
  displayName: string;
  tags: string[];
  status: string;
  createdAt: string;
}

/** Tokens of one login; the refresh token rotates on every refresh. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface Session extends Tokens {
  user: User;
}

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  displayName?: string;
  tags?: string[];
}

export interface Member {
  userId: string;
  role: 'admin' | 'member';
}

export interface Message {
  id: string;
  chatId: string;
  /** Gap-free within the chat (not the frame's seq). */
  seq: number;
  senderId: string;
  clientMessageId: string;
  type: string;
  content: string;
  createdAt: string;
  editedAt?: string | null;
  deletedAt?: string | null;
}

export interface ChatCreated {
  id: string;
  type: 'private' | 'group';
  name: string | null;
  members: Member[];
  createdAt: string;
}

/** A row of `GET /users/me/chats`. */
export interface ChatSummary {
  id: string;
  type: 'private' | 'group';
  name: string | null;
  members: Array<Member & Record<string, unknown>>;
  lastMessage: Message | null;
  lastSeq: number;
  unreadCount: number;
}

export interface MessagePage {
  messages: Message[];
  nextBeforeSeq: number | null;
}

export interface Receipt {
  chatId: string;
  userId: string;
  seq: number;
}

export interface ChatupPartner {
  id: string;
  username: string;
  displayName: string;
  tags: string[];
}

/** `command.succeeded` / `command.failed` data. */
export interface CommandOutcome {
  commandId: string;
  result?: unknown;
  code?: string;
  message?: string;
}

/** Events the server pushes, by type (API.md "Chats", "ChatUp"). */
export interface ChatEventMap {
  'message.created': Message;
  'message.updated': Message;
  'message.deleted': Message;
  'chat.created': ChatCreated;
  'chat.member_added': { chatId: string; userId: string };
  'chat.member_removed': { chatId: string; userId: string };
  'chat.read': Receipt;
  'chat.delivered': Receipt;
  typing: { chatId: string; userId: string };
  'presence.changed': { userId: string; status: string; lastSeenAt: string | null };
  'chatup.matched': { chatId: string; partner: ChatupPartner; commonTags: string[] };
  'chatup.expired': { requestId: string; tags: string[] };
  'chatup.cancelled': { requestId: string; reason: 'cancelled' | 'disconnected' };
  'command.succeeded': CommandOutcome;
  'command.failed': CommandOutcome;
}

/** One event as the app sees it: stored ones have `seq`, ephemeral ones (typing, presence) do not. */
export interface ChatEvent<T extends string = string, D = unknown> {
  type: T;
  seq?: number;
  data: D;
}

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'closed';

/** What the client itself reports, besides the server's events. */
export interface ClientEventMap {
  /** Every event the app receives, in order (stored ones by seq), for logs and consoles. */
  event: ChatEvent;
  /** The socket's state changed; `code` is the close code when it closed. */
  connection: { state: ConnectionState; code?: number };
  /** The socket is open and the stream is caught up to the server's head. */
  ready: { userId: string; lastSeq: number };
  /** `/sync` could not continue from our seq (pruned history): reload state with the queries. */
  reset: { nextAfter: number };
  /** The tokens changed (login, refresh): store them. `undefined` after logout or expiry. */
  tokens: Tokens | undefined;
  /** The refresh token was refused: the user must log in again. */
  'session.expired': { status: number };
  /** A problem the client recovered from or a handler threw; for logging. */
  error: Error;
}

export type AllEventMap = ChatEventMap & ClientEventMap;

/** A stored event as `/sync` returns it. */
export interface StoredEvent {
  seq: number;
  type: string;
  data: unknown;
  ts?: string;
}

export interface SyncPage {
  events: StoredEvent[];
  nextAfter: number;
  hasMore: boolean;
  reset?: boolean;
}

/** A frame the server sends on the socket. */
export interface ServerFrame {
  type: string;
  seq?: number;
  data: unknown;
}
