import { logLevelsFor } from './create-service-logger';

describe('logLevelsFor', () => {
  it('keeps the named level and everything more severe', () => {
    expect(logLevelsFor('warn')).toEqual(['warn', 'error', 'fatal']);
    expect(logLevelsFor('debug')).toEqual(['debug', 'log', 'warn', 'error', 'fatal']);
  });

  it('defaults to log, also for an unknown name', () => {
    expect(logLevelsFor(undefined)).toEqual(['log', 'warn', 'error', 'fatal']);
    expect(logLevelsFor('loud')).toEqual(['log', 'warn', 'error', 'fatal']);
  });
});
