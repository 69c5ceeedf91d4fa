import { commonTags, normalizeTags, orderedPair } from './tags.rules';

describe('ChatUp tag rules', () => {
  it('normalises tags: trimmed, lower-cased, unique, first-seen order, no empties', () => {
    expect(normalizeTags([' Music', 'music ', 'HIKING', '  ', 'Chess'])).toEqual([
      'music',
      'hiking',
      'chess',
    ]);
  });

  it('finds the common tags in the order of the first list', () => {
    expect(commonTags(['a', 'b', 'c', 'd'], ['d', 'b', 'x'])).toEqual(['b', 'd']);
    expect(commonTags(['a'], ['b'])).toEqual([]);
  });

  it('orders a pair the same way whichever side asks', () => {
    const a = '0000aaaa-0000-4000-8000-000000000000';
    const b = 'ffff0000-0000-4000-8000-000000000000';
    expect(orderedPair(a, b)).toEqual([a, b]);
    expect(orderedPair(b, a)).toEqual([a, b]);
  });
});
