import { CanaryReplies } from './canary-replies';

const reply = (canaryId: string) => ({
  canaryId,
  service: 'chat-service' as const,
  instanceId: 'w1',
  replyTo: 'g1',
  dbMs: 3,
});

describe('CanaryReplies', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves the waiting probe with its reply and ignores others', async () => {
    const replies = new CanaryReplies();
    const waiting = replies.expect('a', 5_000);
    replies.settle(reply('someone-else'));
    replies.settle(reply('a'));
    await expect(waiting).resolves.toMatchObject({ canaryId: 'a', instanceId: 'w1' });
  });

  it('rejects after the timeout and forgets the canary', async () => {
    const replies = new CanaryReplies();
    const waiting = replies.expect('b', 5_000);
    jest.advanceTimersByTime(5_001);
    await expect(waiting).rejects.toThrow(/no reply within 5000 ms/);
    expect(() => replies.settle(reply('b'))).not.toThrow();
  });
});
