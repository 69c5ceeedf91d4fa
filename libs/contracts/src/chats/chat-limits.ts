/** Limits of the chat contract (API.md "Chats"), shared by the gateway's DTOs and the worker's checks. */
export const CHAT_LIMITS = {
  groupNameMax: 100,
  groupMembersMax: 999,
  contentMax: 4000,
} as const;

/** Message types a client may send today. */
export const MESSAGE_KINDS = ['text'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Outcome codes of `command.failed` (API.md "Conventions"). */
export const FAILURE_CODES = [
  'NOT_FOUND',
  'NOT_MEMBER',
  'FORBIDDEN',
  'BLOCKED',
  'CONFLICT',
  'INVALID',
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];
