import { AsyncLocalStorage } from 'node:async_hooks';

/** What is known about the request (or record) being handled, wherever the code runs. */
export interface RequestContextData {
  correlationId: string;
  userId?: string;
  /**
   * The service doing the work. Several services share one process in tests, where Nest's
   * logger is process-wide, so log lines take their `service.name` from here when set.
   */
  service?: string;
  /**
   * The id the command this request publishes takes, when it is already decided (an
   * `Idempotency-Key` stands for it); otherwise the publisher makes a fresh one.
   */
  commandId?: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/** The correlation id and user of the work in progress, kept across awaits. */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  /** Records the authenticated user once the guard knows it. */
  setUser(userId: string): void {
    const data = storage.getStore();
    if (data) data.userId = userId;
  },
};
