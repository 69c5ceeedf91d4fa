import { partitionLags } from './consumer-lag';

describe('partitionLags', () => {
  const ends = [
    { partition: 0, low: '0', high: '10' },
    { partition: 1, low: '4', high: '9' },
  ];

  it('is the high watermark minus the committed offset', () => {
    const committed = [
      { partition: 0, offset: '7' },
      { partition: 1, offset: '9' },
    ];
    expect(partitionLags(committed, ends, true)).toEqual([
      { partition: 0, lag: 3 },
      { partition: 1, lag: 0 },
    ]);
  });

  it('counts from the low watermark for an uncommitted partition of a group reading from the beginning', () => {
    const committed = [{ partition: 0, offset: '-1' }];
    expect(partitionLags(committed, ends, true)).toEqual([
      { partition: 0, lag: 10 },
      { partition: 1, lag: 5 },
    ]);
    expect(partitionLags(committed, ends, false)).toEqual([
      { partition: 0, lag: 0 },
      { partition: 1, lag: 0 },
    ]);
  });
});
