import { Logger } from '@nestjs/common';
import { RequestContext } from '@chat/http/request-context';
import type { LogShipper } from '../log-shipping/log-shipper';
import { logSettingsFromEnv } from './log-settings';
import { ServiceLogger } from './service-logger';

/** A logger writing ECS JSON into arrays: what stdout and the shipper would get. */
function capture(env: NodeJS.ProcessEnv = { LOG_FORMAT: 'json' }) {
  const stdout: string[] = [];
  const shipped: string[] = [];
  const shipper = { ship: (line: string) => shipped.push(line) } as unknown as LogShipper;
  const logger = new ServiceLogger(logSettingsFromEnv('chat-service', env), shipper, {
    write: (line: string) => stdout.push(line),
  });
  const records = () => shipped.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, stdout, shipped, records };
}

describe('ServiceLogger', () => {
  it('writes ECS lines with service, level, logger, trace and user', () => {
    const { logger, stdout, records } = capture();
    RequestContext.run({ correlationId: 'corr-1', userId: 'user-1' }, () =>
      logger.log(
        { message: 'handled', 'event.action': 'chat.private.create', 'event.duration': 1200 },
        'Kafka',
      ),
    );
    const [record] = records();
    expect(record).toMatchObject({
      '@timestamp': expect.any(String),
      'ecs.version': expect.any(String),
      'log.level': 'info',
      'log.logger': 'Kafka',
      'service.name': 'chat-service',
      'trace.id': 'corr-1',
      'user.id': 'user-1',
      'event.action': 'chat.private.create',
      'event.duration': 1200,
      message: 'handled',
    });
    expect(stdout).toHaveLength(1);
    expect(JSON.parse(stdout[0])).toEqual(record);
  });

  it('never logs passwords, tokens or message contents', () => {
    const { logger, shipped } = capture();
    const secrets = {
      password: 'hunter2-password',
      accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXZhbHVl',
      refreshToken: 'refresh-secret-43-characters-long-aaaaaaaaa',
      content: 'a private message nobody else may read',
    };
    logger.log(
      { message: 'register', body: { username: 'ann', ...secrets }, session: { ...secrets } },
      'Auth',
    );
    logger.warn(`login with password=${secrets.password} and Bearer ${secrets.accessToken}`, 'Auth');
    logger.error(new Error(`refreshToken: ${secrets.refreshToken}`), 'Auth');
    logger.debug(secrets, 'Auth'); // below the console level: not written anywhere

    expect(shipped).toHaveLength(3);
    const all = shipped.join('\n');
    for (const value of Object.values(secrets)) expect(all).not.toContain(value);
    expect(all).toContain('[REDACTED]');
    expect(JSON.parse(shipped[0])).toMatchObject({ 'session.password': '[REDACTED]', body: '[REDACTED]' });
  });

  it('takes the service from the context (several services in one test process)', () => {
    const { logger, records } = capture();
    RequestContext.run({ correlationId: 'c', service: 'api-gateway' }, () => logger.warn('x'));
    expect(records()[0]['service.name']).toBe('api-gateway');
  });

  it('converts errors to ECS error fields', () => {
    const { logger, records } = capture();
    logger.error('failed to start', new Error('boom').stack, 'Main');
    const fromError = capture();
    fromError.logger.error(new TypeError('bad thing'));
    expect(records()[0]).toMatchObject({
      'log.level': 'error',
      message: 'failed to start',
      'log.logger': 'Main',
    });
    expect(records()[0]['error.stack_trace']).toContain('boom');
    expect(fromError.records()[0]).toMatchObject({ 'error.type': 'TypeError', 'error.message': 'bad thing' });
  });

  it('ships at LOG_SHIPPING_LEVEL while the console keeps LOG_LEVEL', () => {
    const { logger, stdout, shipped } = capture({
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      LOG_SHIPPING_LEVEL: 'log',
    });
    logger.log('info line');
    logger.warn('warn line');
    expect(shipped).toHaveLength(2);
    expect(stdout).toHaveLength(1);
  });

  it("serves Nest's Logger facade", () => {
    const { logger, records } = capture();
    Logger.overrideLogger(logger);
    try {
      new Logger('Facade').log('through Nest');
    } finally {
      Logger.overrideLogger(false);
    }
    expect(records()[0]).toMatchObject({ message: 'through Nest', 'log.logger': 'Facade' });
  });
});
