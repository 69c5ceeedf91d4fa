import { ChatMessage, Membership } from './chat.types';
import { DomainError } from '@chat/commands/domain-error';
import { readMarkTarget, requireLiveMessage, requireMayDelete, requireMayEdit } from './message.rules';

const message = (over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'm1',
  chatId: 'c1',
  seq: 1,
  senderId: 'sender',
  clientMessageId: 'x',
  type: 'text',
  content: 'hi',
  createdAt: '2025-01-01T00:00:00.000Z',
  editedAt: null,
  deletedAt: null,
  ...over,
});
const member = (over: Partial<Membership> = {}): Membership => ({
  chatType: 'group',
  role: 'member',
  lastSeq: 10,
  lastReadSeq: 4,
  ...over,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
}

describe('message rules', () => {
  it('treats a missing or deleted message as NOT_FOUND', () => {
    expect(codeOf(() => requireLiveMessage(undefined))).toBe('NOT_FOUND');
    expect(codeOf(() => requireLiveMessage(message({ deletedAt: '2025-01-01T00:00:01.000Z' })))).toBe(
      'NOT_FOUND',
    );
    expect(requireLiveMessage(message())).toEqual(message());
  });

  it('lets only the sender edit', () => {
    expect(codeOf(() => requireMayEdit(message(), 'sender'))).toBeUndefined();
    expect(codeOf(() => requireMayEdit(message(), 'someone'))).toBe('FORBIDDEN');
  });

  it('lets the sender or a group admin delete', () => {
    expect(codeOf(() => requireMayDelete(message(), member(), 'sender'))).toBeUndefined();
    expect(codeOf(() => requireMayDelete(message(), member(), 'someone'))).toBe('FORBIDDEN');
    expect(codeOf(() => requireMayDelete(message(), member({ role: 'admin' }), 'someone'))).toBeUndefined();
    // "admin" has no meaning in a private chat.
    expect(
      codeOf(() => requireMayDelete(message(), member({ chatType: 'private', role: 'admin' }), 'x')),
    ).toBe('FORBIDDEN');
  });

  it('moves a read mark only forward and never past the last message', () => {
    expect(readMarkTarget(7, member())).toBe(7);
    expect(readMarkTarget(10, member())).toBe(10);
    expect(readMarkTarget(4, member())).toBeUndefined();
    expect(readMarkTarget(0, member())).toBeUndefined();
    expect(codeOf(() => readMarkTarget(11, member()))).toBe('INVALID');
  });
});
