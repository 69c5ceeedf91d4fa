import { Injectable } from '@nestjs/common';
import { CanaryReplyPayload } from '@chat/contracts';

interface Pending {
  resolve: (reply: CanaryReplyPayload) => void;
  timer: NodeJS.Timeout;
}

/** Canaries this gateway instance sent and still waits for, by canary id. */
@Injectable()
export class CanaryReplies {
  private readonly pending = new Map<string, Pending>();

  /** Resolves with the reply to canary `id`, or rejects after `timeoutMs`. */
  expect(id: string, timeoutMs: number): Promise<CanaryReplyPayload> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
    });
  }

  /** Called for every reply seen on the results topic; replies to other gateways are ignored. */
  settle(reply: CanaryReplyPayload): void {
    const waiting = this.pending.get(reply.canaryId);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.pending.delete(reply.canaryId);
    waiting.resolve(reply);
  }

  /** Stops waiting for `id` (its send failed). */
  forget(id: string): void {
    const waiting = this.pending.get(id);
    if (waiting) clearTimeout(waiting.timer);
    this.pending.delete(id);
  }
}
