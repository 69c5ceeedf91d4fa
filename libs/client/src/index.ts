export { ChatClient } from './chat-client.js';
export type { ChatClientOptions } from './chat-client.js';
export { ApiError, CommandError, NetworkError, isRetryable } from './errors.js';
export { Backoff } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export type { PendingSend, SendResult } from './send-queue.js';
export type { Handler } from './emitter.js';
export type { FetchLike, ResponseLike, WebSocketConstructor, WebSocketLike } from './platform.js';
export * from './types.js';
