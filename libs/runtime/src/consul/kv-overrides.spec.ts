import { kvOverrides } from './kv-overrides';

describe('kvOverrides', () => {
  const prefix = 'chat/chat-service/';

  it('maps keys under the prefix to environment names and reports the ones that name no setting', () => {
    const { overrides, ignored } = kvOverrides(prefix, [
      { Key: 'chat/chat-service/', Value: null },
      { Key: 'chat/chat-service/DB_POOL_MAX', Value: '20' },
      { Key: 'chat/chat-service/LOG_LEVEL', Value: 'debug' },
      { Key: 'chat/chat-service/db_pool_max', Value: '5' },
      { Key: 'chat/chat-service/CONSUL_HTTP_ADDR', Value: 'elsewhere:8500' },
      { Key: 'chat/chat-service/nested/', Value: null },
      { Key: 'chat/chat-service/EMPTY', Value: null },
    ]);
    expect(overrides).toEqual({ DB_POOL_MAX: '20', LOG_LEVEL: 'debug' });
    expect(ignored).toEqual([
      'chat/chat-service/db_pool_max',
      'chat/chat-service/CONSUL_HTTP_ADDR',
      'chat/chat-service/EMPTY',
    ]);
  });
});
