export { ChatClient } from './chat-client.js';
export type { ChatClientOptions } from './chat-client.options.js';
export { Session } from './session/session.js';
export type { SessionEventMap } from './session/session.js';
export { Connection } from './connection/connection.js';
export type { ConnectionEventMap, ConnectionLifecycleMap } from './connection/connection-events.js';
export type { ConnectionState } from './connection/reconnecting-socket.js';
export { ChatState } from './chats/chat-state.js';
export type { ChatChange, ChatInfo, ChatPart, ChatStateEventMap } from './chats/chat-state.js';
export type { ChatEvent } from './chats/chat-events.js';
export { Users } from './users/users.js';
export { ChatUp } from './chatup/chat-up.js';
export { Api } from './api/api.js';
export type { InitArgs, Method, PathOf, RouteAnswer, RouteInit } from './api/api-routes.js';
export type { paths, components } from './generated/api-types.js';
export { ApiError, CommandError, NetworkError, isRetryable } from './errors.js';
export type { CommandErrorCode, ServerCommandErrorCode } from './errors.js';
export { Backoff } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export type { Commands } from './commands/commands.js';
export type { PendingSend } from './commands/send-queue.js';
export type { Handler } from './emitter.js';
export type { FetchLike, ResponseLike, WebSocketConstructor, WebSocketLike } from './platform.js';
export type * from './api/api-schemas.js';
export type {
  BlockResult,
  ChatCreatedResult,
  ChatUpRequested,
  CommandPathOf,
  CommandResult,
  CommandResults,
  MembershipResult,
  MessageChangedResult,
  ReadResult,
  SendResult,
} from './commands/command-results.js';
export type * from './connection/server-events.js';
