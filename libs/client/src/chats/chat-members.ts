import type { ChatMember } from '../api/api-schemas.js';

type MemberInfo = Omit<ChatMember, 'lastReadSeq' | 'deliveredSeq'>;

/**
 * The members of one chat and their receipts. Receipts are kept apart from membership and
 * only ever move forward, so a receipt pushed before the member list was loaded still counts.
 */
export class ChatMembers {
  private readonly members = new Map<string, MemberInfo>();
  private readonly read = new Map<string, number>();
  private readonly delivered = new Map<string, number>();
  private current?: readonly ChatMember[];

  /** Members with their receipts, in the order they were listed or added. */
  get list(): readonly ChatMember[] {
    return (this.current ??= [...this.members.values()].map((m) => ({
      ...m,
      lastReadSeq: this.readMark(m.userId),
      deliveredSeq: this.deliveredMark(m.userId),
    })));
  }

  has(userId: string): boolean {
    return this.members.has(userId);
  }

  /** The chat seq `userId` has read up to (0: nothing). */
  readMark(userId: string): number {
    return this.read.get(userId) ?? 0;
  }

  /** The chat seq that reached at least one of `userId`'s devices (0: nothing). */
  deliveredMark(userId: string): number {
    return this.delivered.get(userId) ?? 0;
  }

  /** The whole membership, as a query or `chat.created` states it (receipts merge, never go back). */
  replace(members: ReadonlyArray<Partial<ChatMember> & Pick<ChatMember, 'userId' | 'role'>>): void {
    const known = new Map(this.members);
    this.members.clear();
    for (const m of members) {
      const before = known.get(m.userId);
      this.members.set(m.userId, {
        userId: m.userId,
        role: m.role,
        username: m.username ?? before?.username ?? null,
        displayName: m.displayName ?? before?.displayName ?? null,
      });
      if (m.lastReadSeq !== undefined) this.advance(this.read, m.userId, m.lastReadSeq);
      if (m.deliveredSeq !== undefined) this.advance(this.delivered, m.userId, m.deliveredSeq);
    }
    this.current = undefined;
  }

  /** Returns whether the membership changed. */
  add(userId: string): boolean {
    if (this.members.has(userId)) return false;
    this.members.set(userId, { userId, role: 'member', username: null, displayName: null });
    this.current = undefined;
    return true;
  }

  remove(userId: string): boolean {
    this.current = undefined;
    return this.members.delete(userId);
  }

  /** Returns whether the mark moved. */
  markRead(userId: string, seq: number): boolean {
    return this.advance(this.read, userId, seq);
  }

  markDelivered(userId: string, seq: number): boolean {
    return this.advance(this.delivered, userId, seq);
  }

  private advance(marks: Map<string, number>, userId: string, seq: number): boolean {
    if (seq <= (marks.get(userId) ?? 0)) return false;
    marks.set(userId, seq);
    this.current = undefined;
    return true;
  }
}
