import { FAILURE_CODES } from '@chat/contracts';
import { isTransientError } from '@chat/kafka';
import { DomainError } from './domain-error';

describe('DomainError', () => {
  it.each(FAILURE_CODES)(
    'with code %s is never taken for a transient failure by the Kafka server',
    (code) => {
      const err = new DomainError(code, 'no');
      expect(err).toBeInstanceOf(Error);
      expect(isTransientError(err)).toBe(false);
    },
  );
});
