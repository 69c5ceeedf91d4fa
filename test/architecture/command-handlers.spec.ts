import { commandHandlersIn, HANDLES_COMMAND, CommandRoute } from '@chat/commands';
import { CHAT_TOPIC_COMMANDS, CHATUP_COMMANDS, MessageType } from '@chat/contracts';
import { join } from 'node:path';

const APPS = join(__dirname, '..', '..', 'apps');

/**
 * A worker finds its handlers in its `commands/<verb-noun>/` folders. Every command type its
 * consumer takes must have exactly one there (or the record would fail as "no handler" at
 * run time), and no folder may handle a type the consumer does not take.
 */
describe.each([
  ['chat-service', 'apps/chat-service/src/chats/commands', CHAT_TOPIC_COMMANDS],
  ['chatup-service', 'apps/chatup-service/src/chatup/commands', CHATUP_COMMANDS],
] as const)('%s command handlers', (_service, dir, consumed: readonly MessageType<object>[]) => {
  const handled = commandHandlersIn(join(APPS, '..', dir)).map(
    (cls) => (Reflect.getMetadata(HANDLES_COMMAND, cls) as CommandRoute).type,
  );

  it('has one handler folder per command type its consumer takes, and none for others', () => {
    expect([...handled].sort()).toEqual(consumed.map((m) => m.type).sort());
  });
});

describe('commandHandlersIn', () => {
  it('finds only classes marked @HandlesCommand', () => {
    const found = commandHandlersIn(join(APPS, 'chat-service/src/chats/commands'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((cls) => Reflect.hasMetadata(HANDLES_COMMAND, cls))).toBe(true);
  });
});
