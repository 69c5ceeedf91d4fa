import type { Method, PathOf, RouteAnswer } from '../api/api-routes.js';
import type { CommandAccepted } from '../api/api-schemas.js';

/**
 * What each command's `command.succeeded` carries as `result`. The OpenAPI document ends at
 * the `202 { commandId }`; the results are the workers' (their handlers' return values), so
 * they are written here, keyed by the route that accepts the command.
 */

/** `POST /chats/private` and `POST /chats/group`. */
export interface ChatCreatedResult {
  chatId: string;
}

/** `POST /chats/:id/messages`: the stored message (the same one for a repeated clientMessageId). */
export interface SendResult {
  messageId: string;
  /** The message's seq in the chat. */
  seq: number;
}

/** `PATCH` and `DELETE /chats/:id/messages/:messageId`. */
export interface MessageChangedResult {
  messageId: string;
}

/** `POST /chats/:id/members`, `DELETE /chats/:id/members/:userId`. */
export interface MembershipResult {
  chatId: string;
  userId: string;
}

/** `POST /chats/:id/read`: the caller's read mark afterwards (a mark behind it changes nothing). */
export interface ReadResult {
  chatId: string;
  seq: number;
}

/** `POST` and `DELETE /users/:id/block`. */
export interface BlockResult {
  userId: string;
}

/** `POST /chatup`: matched at once, or waiting (then `chatup.matched` or `chatup.expired` follows). */
export interface ChatUpRequested {
  status: 'matched' | 'waiting';
  expiresAt?: string;
}

export interface CommandResults {
  'post /chats/private': ChatCreatedResult;
  'post /chats/group': ChatCreatedResult;
  'post /chats/{id}/members': MembershipResult;
  'delete /chats/{id}/members/{userId}': MembershipResult;
  'post /chats/{id}/messages': SendResult;
  'patch /chats/{id}/messages/{messageId}': MessageChangedResult;
  'delete /chats/{id}/messages/{messageId}': MessageChangedResult;
  'post /chats/{id}/read': ReadResult;
  'post /users/{id}/block': BlockResult;
  'delete /users/{id}/block': BlockResult;
  'post /chatup': ChatUpRequested;
  'delete /chatup': Record<string, never>;
}

/** The routes that answer `M` with `202 { commandId }`. */
export type CommandPathOf<M extends Method> = {
  [P in PathOf<M>]: RouteAnswer<M, P> extends CommandAccepted ? P : never;
}[PathOf<M>];

/** A command's result: known for the routes above, a plain object for any other. */
export type CommandResult<M extends Method, P extends string> = `${M} ${P}` extends keyof CommandResults
  ? CommandResults[`${M} ${P}`]
  : Record<string, unknown>;

type CommandRoute = { [M in Method]: `${M} ${CommandPathOf<M>}` }[Method];
type Assert<T extends true> = T;
/** Fails to compile when a route above is gone from the document or no longer a command. */
export type CommandResultsMatchTheDocument = Assert<keyof CommandResults extends CommandRoute ? true : false>;
