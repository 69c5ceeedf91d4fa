/** A handler of events of one type; `seq` is set for stored events. */
export type Handler<D> = (data: D, meta: { type: string; seq?: number }) => void;

/**
 * A small typed event emitter. A handler that throws does not stop the others; the
 * error goes to `onHandlerError`.
 */
export class Emitter<M extends object> {
  private readonly handlers = new Map<keyof M, Set<Handler<never>>>();

  constructor(private readonly onHandlerError: (err: unknown) => void = () => undefined) {}

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof M>(type: K, handler: Handler<M[K]>): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** Subscribes to the next event of `type` only. */
  once<K extends keyof M>(type: K, handler: Handler<M[K]>): () => void {
    const off = this.on(type, (data, meta) => {
      off();
      handler(data, meta);
    });
    return off;
  }

  emit<K extends keyof M>(type: K, data: M[K], seq?: number): void {
    for (const handler of [...(this.handlers.get(type) ?? [])]) {
      try {
        (handler as Handler<M[K]>)(data, { type: String(type), seq });
      } catch (err) {
        this.onHandlerError(err);
      }
    }
  }
}
