/** A run of one partition, waiting for the group whose transaction will hold it. */
export interface QueuedRun<R> {
  run: R;
  size: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for the runs of the partitions this instance consumes at once: while
 * `maxInFlight` groups are under way, runs that arrive queue up, and the next group takes
 * them all (up to `maxCommands`, at least one run) into one transaction. Under load that
 * turns several short runs, each paying a transaction's fixed round trips, into one longer
 * run; at low load a run starts at once, alone.
 *
 * Written here rather than taken from a library: the grouping is a dozen lines, and what a
 * group's failure means (each run retried alone, so a poison record is blamed on its own
 * run) is the processor's business, passed in as `execute`.
 */
export class RunGroups<R> {
  private readonly queue: QueuedRun<R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly maxInFlight: number,
    private readonly maxCommands: number,
    private readonly execute: (group: QueuedRun<R>[]) => Promise<void>,
  ) {}

  /** Resolves once `run` was committed (and its pushes published) in some group. */
  submit(run: R, size: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ run, size, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const group = [this.queue.shift()!];
      let commands = group[0].size;
      while (this.queue.length > 0 && commands + this.queue[0].size <= this.maxCommands) {
        commands += this.queue[0].size;
        group.push(this.queue.shift()!);
      }
      this.inFlight++;
      void this.execute(group)
        // `execute` settles each run itself; this only keeps a bug from leaving one pending.
        .catch((err: unknown) => group.forEach((queued) => queued.reject(err)))
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}
