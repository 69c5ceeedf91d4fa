/** Lag of one partition: records written that the group has not yet committed past. */
export interface PartitionLag {
  partition: number;
  lag: number;
}

/**
 * Lag per partition from the group's committed offsets (`-1`: none yet) and the topic's
 * high and low watermarks. A partition the group has never committed starts at the low
 * watermark for a group reading from the beginning, and at the high one otherwise.
 */
export function partitionLags(
  committed: readonly { partition: number; offset: string }[],
  ends: readonly { partition: number; high: string; low: string }[],
  fromBeginning: boolean,
): PartitionLag[] {
  const byPartition = new Map(committed.map((c) => [c.partition, Number(c.offset)]));
  return ends.map(({ partition, high, low }) => {
    const offset = byPartition.get(partition) ?? -1;
    const start = offset >= 0 ? offset : fromBeginning ? Number(low) : Number(high);
    return { partition, lag: Math.max(0, Number(high) - start) };
  });
}
