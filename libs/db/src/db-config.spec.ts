import { dbConfigFromEnv } from './db-config';

describe('dbConfigFromEnv', () => {
  it('applies defaults and names the connection after the service', () => {
    expect(dbConfigFromEnv('chat', { DATABASE_URL: 'postgres://h/db' })).toEqual({
      url: 'postgres://h/db',
      poolMax: 10,
      statementTimeoutMs: 10_000,
      maxTxAttempts: 8,
      applicationName: 'chat',
      searchPath: [],
    });
  });

  it('reads the numbers from the environment', () => {
    const config = dbConfigFromEnv('chat', {
      DATABASE_URL: 'postgres://h/db',
      DB_POOL_MAX: '3',
      DB_STATEMENT_TIMEOUT_MS: '500',
      DB_TX_MAX_ATTEMPTS: '2',
    });
    expect(config).toMatchObject({ poolMax: 3, statementTimeoutMs: 500, maxTxAttempts: 2 });
  });

  it('refuses to start without DATABASE_URL', () => {
    expect(() => dbConfigFromEnv('chat', {})).toThrow(/DATABASE_URL is not set/);
  });

  it('rejects a number that is not a positive integer', () => {
    expect(() => dbConfigFromEnv('chat', { DATABASE_URL: 'x', DB_POOL_MAX: 'ten' })).toThrow(/DB_POOL_MAX/);
    expect(() => dbConfigFromEnv('chat', { DATABASE_URL: 'x', DB_TX_MAX_ATTEMPTS: '0' })).toThrow(
      /DB_TX_MAX_ATTEMPTS/,
    );
  });

  it('takes the search path of the service and refuses a name that is not a plain schema name', () => {
    expect(dbConfigFromEnv('chat', { DATABASE_URL: 'x' }, ['gateway', 'chat_read_v1']).searchPath).toEqual([
      'gateway',
      'chat_read_v1',
    ]);
    expect(() => dbConfigFromEnv('chat', { DATABASE_URL: 'x' }, ['gateway; DROP TABLE users'])).toThrow(
      /not a schema name/,
    );
  });
});
