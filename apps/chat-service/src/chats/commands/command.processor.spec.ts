import { createEnvelope } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { EventLogWriter, LogEntry } from '@chat/event-log';
import { ProcessedCommandsRepository } from '../database/processed-commands.repository';
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
    { claim: () => Promise.resolve(claims.shift() ?? true) } as unknown as ProcessedCommandsRepository,
    {
      append: (_tx: TxClient, entry: LogEntry) => {
        appended.push(entry);
        return Promise.resolve([]);
      },
    } as unknown as EventLogWriter,
  );
  const command = createEnvelope('test.cmd', 1, { actorId: 'ACTOR', chatId: 'c' }, { correlationId: 'corr' });

  beforeEach(() => {
    claims = [];
    appended = [];
    transactions = 0;
  });

  it('stores command.failed for the actor in a transaction that claims the command', async () => {
    await processor.fail(command, 'c', 'INVALID', 'could not be processed');
    expect(transactions).toBe(1);
    expect(appended).toEqual([
      {
        type: 'command.failed',
        data: { commandId: command.id, code: 'INVALID', message: 'could not be processed' },
        recipients: ['actor'],
      },
    ]);
  });

  it('stores nothing for a command that already has an outcome', async () => {
    claims = [false];
    await processor.fail(command, 'c', 'INVALID', 'could not be processed');
    expect(appended).toEqual([]);
  });
});
