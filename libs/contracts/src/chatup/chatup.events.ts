/**
 * Types of the ChatUp events stored in users' logs and pushed to their sockets (API.md
 * "ChatUp"). Their `data` is plain JSON built by the workers, not a Kafka payload.
 */
export const CHATUP_EVENTS = {
  /** `{ chatId, partner: { id, username, displayName, tags }, commonTags }`, to both users. */
  matched: 'chatup.matched',
  /** `{ requestId, tags }`: nobody was found within the wait limit. */
  expired: 'chatup.expired',
  /**
   * `{ requestId, reason: 'cancelled' | 'disconnected' | 'failed' }`: the user left the pool
   * (`failed`: they were matched, but the match could not be completed).
   */
  cancelled: 'chatup.cancelled',
} as const;

/** Why a user left the pool without a match. */
export type ChatupCancelReason = 'cancelled' | 'disconnected' | 'failed';
