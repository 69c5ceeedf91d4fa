import { normalizeIds } from './ids';

describe('normalizeIds', () => {
  it('lower-cases the id fields and leaves the rest, content included', () => {
    const payload = {
      actorId: 'AAAA-1',
      chatId: 'BBBB-2',
      memberIds: ['CCCC-3', 'dddd-4'],
      content: 'KEEP-CASE',
      seq: 3,
    };
    expect(normalizeIds(payload)).toEqual({
      actorId: 'aaaa-1',
      chatId: 'bbbb-2',
      memberIds: ['cccc-3', 'dddd-4'],
      content: 'KEEP-CASE',
      seq: 3,
    });
    expect(payload.actorId).toBe('AAAA-1');
  });
});
