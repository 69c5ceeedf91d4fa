import { isUnavailableDependency } from './unavailable-dependency';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isUnavailableDependency', () => {
  it('recognises a database that is away', () => {
    expect(isUnavailableDependency(withCode('ECONNREFUSED'))).toBe(true);
    expect(isUnavailableDependency(withCode('57P01'))).toBe(true);
    expect(isUnavailableDependency(withCode('08006'))).toBe(true);
    expect(isUnavailableDependency(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves bugs and rule violations alone', () => {
    expect(isUnavailableDependency(withCode('23505'))).toBe(false);
    expect(isUnavailableDependency(new TypeError('x is undefined'))).toBe(false);
    expect(isUnavailableDependency('ECONNREFUSED')).toBe(false);
  });
});
