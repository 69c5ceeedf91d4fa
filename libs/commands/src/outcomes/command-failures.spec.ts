import { createEnvelope } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { ProcessedCommandsRepository } from '../claims/processed-commands.repository';
import { CommandFailures } from './command-failures';
import { EventSink, SinkEvent } from './event-sink';

describe('CommandFailures', () => {
  const tx = {} as TxClient;
  let claims: boolean[];
  let appended: { event: SinkEvent; pushKey: string }[];
  let transactions: number;

  const failures = new CommandFailures(
    {
      withTransaction: <T>(fn: (t: TxClient) => Promise<T>) => {
        transactions++;
        return fn(tx);
      },
    } as unknown as Database,
    { claim: () => Promise.resolve(claims.shift() ?? true) } as unknown as ProcessedCommandsRepository,
    {
      append: (_tx: TxClient, event: SinkEvent, pushKey: string) => {
        appended.push({ event, pushKey });
        return Promise.resolve();
      },
    } satisfies EventSink,
  );
  const command = createEnvelope('test.cmd', 1, { actorId: 'ACTOR', chatId: 'c' }, { correlationId: 'corr' });

  beforeEach(() => {
    claims = [];
    appended = [];
    transactions = 0;
  });

  it('stores command.failed for the actor in a transaction that claims the command', async () => {
    await failures.answer(command, 'c', 'INVALID', 'could not be processed');
    expect(transactions).toBe(1);
    expect(appended).toEqual([
      {
        event: {
          type: 'command.failed',
          data: { commandId: command.id, code: 'INVALID', message: 'could not be processed' },
          recipients: ['actor'],
        },
        pushKey: 'c',
      },
    ]);
  });

  it('stores nothing for a command that already has an outcome', async () => {
    claims = [false];
    await failures.answer(command, 'c', 'INVALID', 'could not be processed');
    expect(appended).toEqual([]);
  });
});
