/** Payload fields that hold UUIDs (one or a list). */
const ID_FIELDS = ['actorId', 'chatId', 'userId', 'messageId', 'clientMessageId', 'memberIds'] as const;

/**
 * A copy of a command payload with its UUIDs lower-cased. UUIDs compare case-insensitively
 * in SQL but not in JavaScript, and the database answers lower case; normalising once keeps
 * comparisons (is the actor the sender?) and recipient lists (no user twice) right.
 */
export function normalizeIds<P extends object>(payload: P): P {
  const copy = { ...payload } as Record<string, unknown>;
  for (const field of ID_FIELDS) {
    const value = copy[field];
    if (typeof value === 'string') copy[field] = value.toLowerCase();
    else if (Array.isArray(value))
      copy[field] = value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
  }
  return copy as P;
}
