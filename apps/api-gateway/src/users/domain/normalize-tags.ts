/**
 * Interest tags as stored and matched: trimmed, lower-cased, unique, in first-seen order.
 * Matching compares tags exactly, so "Music " and "music" must become one tag.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()))];
}
