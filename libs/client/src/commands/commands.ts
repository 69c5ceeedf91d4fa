import type { Api } from '../api/api.js';
import type { InitArgs, Method } from '../api/api-routes.js';
import { Backoff } from '../backoff.js';
import type { CommandFailed, CommandSucceeded } from '../connection/server-events.js';
import { CommandError } from '../errors.js';
import type { CommandPathOf, CommandResult, SendResult } from './command-results.js';
import { CommandTracker } from './command-tracker.js';
import { PendingSend, SendQueue } from './send-queue.js';

export interface CommandsOptions {
  api: Api;
  /** Resolves when the socket is up and caught up (outcomes can arrive). */
  online: () => Promise<void>;
  /** How long a command waits for its outcome before rejecting `TIMEOUT`. */
  timeoutMs: number;
  /** Backoff of send retries. */
  retry: Backoff;
  /** A send is being retried (for logs). */
  onRetry: (err: unknown) => void;
}

/**
 * Commands with outcomes: a command route answers `202 { commandId }`, and its result comes
 * later over the socket. Messages go through the send queue (held offline, retried with
 * one clientMessageId, in the order written); every other command is posted once.
 */
export class Commands {
  private readonly tracker = new CommandTracker();
  private readonly sends: SendQueue;

  constructor(private readonly options: CommandsOptions) {
    this.sends = new SendQueue({
      backoff: options.retry,
      online: options.online,
      post: async ({ chatId, content, clientMessageId }) =>
        (
          await options.api.call('post', '/chats/{id}/messages', {
            path: { id: chatId },
            body: { clientMessageId, content },
          })
        ).commandId,
      outcome: (commandId) => this.tracker.wait<SendResult>(commandId, options.timeoutMs),
      onRetry: options.onRetry,
    });
  }

  /** Any command route: resolves with its `result`, rejects with a `CommandError` carrying its `code`. */
  async run<M extends Method, P extends CommandPathOf<M>>(
    method: M,
    path: P,
    ...init: InitArgs<M, P>
  ): Promise<CommandResult<M, P>> {
    const { commandId } = await this.options.api.call(method, path, ...init);
    return this.tracker.wait<CommandResult<M, P>>(commandId, this.options.timeoutMs);
  }

  /** Queues a message (see SendQueue). */
  send(send: PendingSend): Promise<SendResult> {
    return this.sends.enqueue(send);
  }

  /** Messages written but not yet accepted by the server (offline or retrying). */
  get pendingSends(): PendingSend[] {
    return this.sends.pending;
  }

  succeeded(outcome: CommandSucceeded): void {
    this.tracker.settle({ type: 'command.succeeded', outcome });
  }

  failed(outcome: CommandFailed): void {
    this.tracker.settle({ type: 'command.failed', outcome });
  }

  /** Rejects every waiting command and queued send with `CLOSED`. */
  close(): void {
    this.tracker.failAll('CLOSED', 'the client was closed');
    this.sends.close(new CommandError('CLOSED', 'the client was closed'));
  }
}
