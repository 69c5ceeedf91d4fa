import { FailureCode } from '@chat/contracts';

/**
 * A ChatUp command broke a rule (e.g. cancelling while not waiting). Its transaction rolls
 * back and the actor is told `command.failed { code, message }`; it is never retried.
 */
export class DomainError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
