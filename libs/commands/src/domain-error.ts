import { FailureCode } from '@chat/contracts';

/**
 * A command broke a rule of its domain. The command's changes roll back and its actor is
 * told `command.failed { code, message }`; it is never retried. Its `code` is a contract
 * failure code, none of which the Kafka server counts as transient.
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
