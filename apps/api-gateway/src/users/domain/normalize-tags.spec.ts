import { normalizeTags } from './normalize-tags';

describe('normalizeTags', () => {
  it('trims, lower-cases and removes duplicates keeping the first order', () => {
    expect(normalizeTags([' Music', 'hiking', 'MUSIC ', 'Go'])).toEqual(['music', 'hiking', 'go']);
  });

  it('keeps an empty list empty', () => {
    expect(normalizeTags([])).toEqual([]);
  });
});
