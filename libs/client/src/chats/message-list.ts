import type { Message } from '../api/api-schemas.js';

/**
 * `list` (ascending by chat seq) with `messages` merged in: a message already there (by id)
 * is replaced by the newer copy (an edit, a deletion), a new one goes to its seq's place.
 * Returns a new array, so a view can tell a change by reference.
 */
export function mergeMessages(list: readonly Message[], messages: readonly Message[]): Message[] {
  const merged = [...list];
  for (const message of messages) {
    const at = merged.findIndex((m) => m.id === message.id);
    if (at >= 0) merged[at] = message;
    else merged.splice(insertionPoint(merged, message.seq), 0, message);
  }
  return merged;
}

/** The first index whose seq is above `seq` (messages mostly arrive at the end: search from there). */
function insertionPoint(list: readonly Message[], seq: number): number {
  let at = list.length;
  while (at > 0 && list[at - 1].seq > seq) at--;
  return at;
}
