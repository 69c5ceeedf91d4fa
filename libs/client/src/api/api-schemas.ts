import type { components } from '../generated/api-types.js';

/**
 * The gateway's HTTP shapes under the names apps use. Every one is an alias of a schema of
 * the generated file, so a change to the gateway's DTOs shows up here when the types are
 * regenerated (npm run generate:client-types), and breaks what no longer fits.
 */
type Schemas = components['schemas'];

/** A user as the API returns it to themself (`GET /users/me`). */
export type User = Schemas['MeResponseDto'];
/** Another user as anyone signed in sees them (`GET /users/:id/profile`). */
export type Profile = Schemas['ProfileResponseDto'];
export type UserStatus = User['status'];
/** `PUT /users/me/status` answer. */
export type StatusChange = Schemas['StatusResponseDto'];

/** Tokens of one login; the refresh token rotates on every refresh. */
export type Tokens = Schemas['TokenPairResponseDto'];
/** `POST /auth/register` and `POST /auth/login` answer: the user and their tokens. */
export type SignedIn = Schemas['SessionResponseDto'];
export type RegisterInput = Schemas['RegisterRequestDto'];

/** A message; its `seq` is gap-free within the chat (not the frame's seq). */
export type Message = Schemas['MessageResponseDto'];
/** A chat as `GET /users/me/chats` lists it and `GET /chats/:id` returns it. */
export type ChatSummary = Schemas['ChatResponseDto'];
/** A member with their receipts: how far they have read and received. */
export type ChatMember = Schemas['MemberResponseDto'];
export type ChatType = ChatSummary['type'];
/** `GET /chats/:id/messages`: newest first. */
export type MessagePage = Schemas['MessagesPageResponseDto'];

/** A stored event as `/sync` returns it. */
export type StoredEvent = Schemas['SyncEventDto'];
export type SyncPage = Schemas['SyncPageResponseDto'];

/** `202` of every command: the outcome arrives over the socket naming this id. */
export type CommandAccepted = Schemas['CommandAcceptedResponseDto'];
/** Every error body: `{ statusCode, error, message }`. */
export type ErrorBody = Schemas['ErrorResponseDto'];
