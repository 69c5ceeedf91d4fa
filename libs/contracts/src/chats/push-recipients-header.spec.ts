import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { pushRecipientsHeader } from './push-envelope';
import { hasHeldRecipient } from './push-recipients-header';

describe('x-push-recipients header', () => {
  const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];

  it('joins the recipients’ user ids with commas, seqs left out', () => {
    expect(pushRecipientsHeader([{ userId: alice, seq: 3 } as { userId: string }, { userId: bob }])).toBe(
      `${alice},${bob}`,
    );
    expect(pushRecipientsHeader([{ userId: alice }])).toBe(alice);
    expect(pushRecipientsHeader([])).toBe('');
  });

  it('finds a held recipient wherever it is named', () => {
    const header = pushRecipientsHeader([{ userId: alice }, { userId: bob }, { userId: carol }]);
    for (const held of [alice, bob, carol]) {
      expect(hasHeldRecipient(header, (id) => id === held)).toBe(true);
    }
    expect(hasHeldRecipient(header, () => false)).toBe(false);
  });

  it('hands over each id whole, once, in order, and stops at the first held', () => {
    const seen: string[] = [];
    const header = `${alice},${bob},${carol}`;
    expect(hasHeldRecipient(header, (id) => (seen.push(id), false))).toBe(false);
    expect(seen).toEqual([alice, bob, carol]);
    seen.length = 0;
    expect(hasHeldRecipient(header, (id) => (seen.push(id), id === bob))).toBe(true);
    expect(seen).toEqual([alice, bob]);
  });

  it('names nobody in an empty value, and passes over empty entries', () => {
    const seen: string[] = [];
    expect(hasHeldRecipient('', (id) => (seen.push(id), true))).toBe(false);
    expect(hasHeldRecipient(',', (id) => (seen.push(id), true))).toBe(false);
    expect(seen).toEqual([]);
    expect(hasHeldRecipient(`,${alice},,`, (id) => (seen.push(id), false))).toBe(false);
    expect(seen).toEqual([alice]);
  });

  it('does not match a prefix or a part of an id', () => {
    const header = `${alice},${bob}`;
    expect(hasHeldRecipient(header, (id) => id === alice.slice(0, 8))).toBe(false);
    expect(hasHeldRecipient(header, (id) => id === `${alice},${bob}`)).toBe(false);
  });
});
