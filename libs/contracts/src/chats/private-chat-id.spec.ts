import { isUUID } from 'class-validator';
import { privateChatId } from './private-chat-id';

describe('privateChatId', () => {
  const a = '0b8f2c1e-1111-4aaa-8bbb-000000000001';
  const b = '0B8F2C1E-2222-4AAA-8BBB-000000000002';

  it('is the same for both orders and any case', () => {
    expect(privateChatId(a, b)).toBe(privateChatId(b.toLowerCase(), a.toUpperCase()));
  });

  it('is a version 5 UUID, different per pair', () => {
    const id = privateChatId(a, b);
    expect(isUUID(id, 5)).toBe(true);
    expect(privateChatId(a, '0b8f2c1e-3333-4aaa-8bbb-000000000003')).not.toBe(id);
  });
});
