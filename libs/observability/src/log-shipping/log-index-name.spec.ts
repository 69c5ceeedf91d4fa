import { dailyIndexName, dayOfIndex, expiredIndices } from './log-index-name';

describe('daily log indices', () => {
  it('names the index by the UTC day of @timestamp', () => {
    expect(dailyIndexName('logs-chat-', '2025-06-01T23:59:59.999Z')).toBe('logs-chat-2025.06.01');
    const now = new Date('2025-06-02T10:00:00Z');
    expect(dailyIndexName('logs-chat-', 'not a date', now)).toBe('logs-chat-2025.06.02');
    expect(dailyIndexName('logs-chat-', undefined, now)).toBe('logs-chat-2025.06.02');
  });

  it('reads the day back and ignores other names', () => {
    expect(dayOfIndex('logs-chat-', 'logs-chat-2025.06.01')?.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(dayOfIndex('logs-chat-', 'logs-chat-t1-2025.06.01')).toBeUndefined();
    expect(dayOfIndex('logs-chat-', 'other-2025.06.01')).toBeUndefined();
  });

  it('expires whole days older than the retention', () => {
    const now = new Date('2025-06-15T12:00:00Z');
    const indices = ['logs-chat-2025.05.31', 'logs-chat-2025.06.01', 'logs-chat-2025.06.15', 'logs-chat-x'];
    expect(expiredIndices('logs-chat-', indices, 14, now)).toEqual(['logs-chat-2025.05.31']);
  });
});
