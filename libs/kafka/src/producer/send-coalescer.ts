/**
 * Sends items one batch at a time: the first item goes at once, and the items that arrive
 * while a batch is in flight go together in the next one. Under load this turns many small
 * produce requests into few large ones without delaying a lone item (no linger timer).
 * kafkajs sends each `send()` call as a request of its own, and the idempotent producer
 * allows one request in flight, so without this every accepted command waited for each
 * command ahead of it.
 */
export class SendCoalescer<T> {
  private queue: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private sending = false;

  constructor(
    private readonly sendBatch: (items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves when the batch holding `item` was sent; rejects with that batch's error. */
  send(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        await this.sendBatch(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve();
      } catch (err) {
        for (const entry of batch) entry.reject(err);
      }
    }
    this.sending = false;
  }
}
