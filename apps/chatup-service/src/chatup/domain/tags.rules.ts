/**
 * Tags as matched: trimmed, lower-cased, unique, in first-seen order, empties dropped.
 * The gateway normalises them already; the worker does it again rather than trust a topic.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))];
}

/** The tags both lists hold, in the order of `mine`. */
export function commonTags(mine: readonly string[], theirs: readonly string[]): string[] {
  const other = new Set(theirs);
  return mine.filter((tag) => other.has(tag));
}

/** The pair's key in `chatup_recent_matches`: the lower id first, so a pair has one row. */
export function orderedPair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}
