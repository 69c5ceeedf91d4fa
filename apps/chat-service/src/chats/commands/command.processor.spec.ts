import { createEnvelope } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { EventLogWriter, LogEntry } from '@chat/event-log';
import { DomainError } from '../domain/domain-error';
import { ChatCommandHandler } from './chat-command.handler';
import { CommandProcessor } from './command.processor';

describe('CommandProcessor', () => {
  const tx = {} as TxClient;
  let claims: boolean[];
  let appended: LogEntry[];
  let transactions: number;

  const processor = new CommandProcessor(
    {
      withTransaction: <T>(fn: (t: TxClient) => Promise<T>) => {
        transactions++;
        return fn(tx);
      },
    } as unknown as Database,
    { claim: () => Promise.resolve(claims.shift() ?? true) },
    {
      append: (_tx: TxClient, entry: LogEntry) => {
        appended.push(entry);
        return Promise.resolve([]);
      },
    } as unknown as EventLogWriter,
  );
  const command = createEnvelope('test.cmd', 1, { actorId: 'ACTOR', chatId: 'c' }, { correlationId: 'corr' });
  const handler = (execute: ChatCommandHandler<{ actorId: string }>['execute']) => ({
    execute: jest.fn(execute),
  });

  beforeEach(() => {
    claims = [];
    appended = [];
    transactions = 0;
  });

  it('stores the handler’s events, then command.succeeded for the actor, in one transaction', async () => {
    const h = handler(async (scope) => {
      await scope.emit('thing.done', { x: 1 }, ['A', 'b']);
      return { ok: true };
    });
    await processor.run(command, 'c', h);
    expect(transactions).toBe(1);
    expect(h.execute).toHaveBeenCalledWith(expect.objectContaining({ actorId: 'actor' }), {
      actorId: 'actor',
      chatId: 'c',
    });
    expect(appended).toEqual([
      { type: 'thing.done', data: { x: 1 }, recipients: ['a', 'b'] },
      {
        type: 'command.succeeded',
        data: { commandId: command.id, result: { ok: true } },
        recipients: ['actor'],
      },
    ]);
  });

  it('does nothing for a command already claimed (a redelivery)', async () => {
    claims = [false];
    const h = handler(() => Promise.resolve({}));
    await processor.run(command, 'c', h);
    expect(h.execute).not.toHaveBeenCalled();
    expect(appended).toEqual([]);
  });

  it('turns a DomainError into command.failed stored by a second transaction', async () => {
    const h = handler(() => Promise.reject(new DomainError('FORBIDDEN', 'not you')));
    await processor.run(command, 'c', h);
    expect(transactions).toBe(2);
    expect(appended).toEqual([
      {
        type: 'command.failed',
        data: { commandId: command.id, code: 'FORBIDDEN', message: 'not you' },
        recipients: ['actor'],
      },
    ]);
  });

  it('throws any other error to the Kafka server and stores no outcome', async () => {
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await expect(
      processor.run(
        command,
        'c',
        handler(() => Promise.reject(down)),
      ),
    ).rejects.toBe(down);
    expect(transactions).toBe(1);
    expect(appended).toEqual([]);
  });
});
