/** Daily indices: `<prefix>YYYY.MM.DD` (UTC), e.g. `logs-chat-2025.06.01`. */
const DAY_SUFFIX = /(\d{4})\.(\d{2})\.(\d{2})$/;

/** The index a line belongs in, by its `@timestamp` (now when it has none or a bad one). */
export function dailyIndexName(prefix: string, timestamp: unknown, now = new Date()): string {
  const parsed = typeof timestamp === 'string' ? new Date(timestamp) : now;
  const day = Number.isNaN(parsed.getTime()) ? now : parsed;
  return `${prefix}${day.toISOString().slice(0, 10).replace(/-/g, '.')}`;
}

/** The UTC day a daily index holds, or undefined for a name that is not one. */
export function dayOfIndex(prefix: string, index: string): Date | undefined {
  if (!index.startsWith(prefix)) return undefined;
  const match = DAY_SUFFIX.exec(index.slice(prefix.length));
  if (!match || match.index !== 0) return undefined;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(day.getTime()) ? undefined : day;
}

/** Daily indices whose whole day lies more than `retentionDays` before `now`. */
export function expiredIndices(
  prefix: string,
  indices: readonly string[],
  retentionDays: number,
  now = new Date(),
): string[] {
  const cutoff =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - retentionDays * 86_400_000;
  return indices.filter((index) => {
    const day = dayOfIndex(prefix, index);
    return day !== undefined && day.getTime() < cutoff;
  });
}
