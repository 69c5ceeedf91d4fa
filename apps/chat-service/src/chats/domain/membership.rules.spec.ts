import { Membership } from './chat.types';
import { DomainError } from '@chat/commands/domain-error';
import {
  groupMembers,
  MAX_CHAT_MEMBERS,
  requireGroupAdmin,
  requireMayRemove,
  requireMember,
  requireRoomFor,
} from './membership.rules';

const member = (over: Partial<Membership> = {}): Membership => ({
  chatType: 'group',
  role: 'member',
  lastSeq: 0,
  lastReadSeq: 0,
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

describe('membership rules', () => {
  it('tells a non-member (or a missing chat) NOT_MEMBER and nothing else', () => {
    expect(codeOf(() => requireMember(undefined))).toBe('NOT_MEMBER');
    expect(requireMember(member())).toEqual(member());
  });

  it('makes the creator the admin and every other named user a member, once each', () => {
    expect(groupMembers('a', ['b', 'a', 'c', 'b'])).toEqual([
      { userId: 'a', role: 'admin' },
      { userId: 'b', role: 'member' },
      { userId: 'c', role: 'member' },
    ]);
  });

  it('refuses a chat of more than 1000 members as INVALID', () => {
    expect(MAX_CHAT_MEMBERS).toBe(1000);
    const ids = Array.from({ length: 999 }, (_, i) => `u${i}`);
    expect(groupMembers('me', ids)).toHaveLength(1000);
    expect(codeOf(() => groupMembers('me', [...ids, 'one-more']))).toBe('INVALID');
    expect(codeOf(() => requireRoomFor(1000))).toBeUndefined();
    expect(codeOf(() => requireRoomFor(1001))).toBe('INVALID');
  });

  it('lets only group admins add members', () => {
    expect(codeOf(() => requireGroupAdmin(member({ role: 'admin' })))).toBeUndefined();
    expect(codeOf(() => requireGroupAdmin(member()))).toBe('FORBIDDEN');
    expect(codeOf(() => requireGroupAdmin(member({ chatType: 'private', role: 'admin' })))).toBe('FORBIDDEN');
  });

  it('lets a member leave a group and an admin remove anyone, never in a private chat', () => {
    expect(codeOf(() => requireMayRemove(member(), 'me', 'me'))).toBeUndefined();
    expect(codeOf(() => requireMayRemove(member(), 'me', 'other'))).toBe('FORBIDDEN');
    expect(codeOf(() => requireMayRemove(member({ role: 'admin' }), 'me', 'other'))).toBeUndefined();
    expect(codeOf(() => requireMayRemove(member({ chatType: 'private' }), 'me', 'me'))).toBe('FORBIDDEN');
  });
});
