/** Limits of the chat contract (API.md "Chats"), shared by the gateway's DTOs and the worker's checks. */
export const CHAT_LIMITS = {
  groupNameMax: 100,
  groupMembersMax: 999,
  contentMax: 4000,
  /**
   * Largest seq (or seq bound) a client may send: the largest integer a JavaScript number
   * holds exactly, far below INT8's limit, so a bound like `beforeSeq=1e20` is a `400`
   * naming the field rather than an overflow in the database.
   */
  seqMax: Number.MAX_SAFE_INTEGER,
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
