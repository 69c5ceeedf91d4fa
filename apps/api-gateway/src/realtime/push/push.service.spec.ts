import { frameSerializer } from './push.service';

describe('frameSerializer', () => {
  const data = {
    id: 'c1',
    name: 'quote " and \\ and \u2028 and émoji 🎉',
    members: [{ id: 'u1' }, { id: 'u2' }],
  };

  it('gives JSON.stringify({ type, seq, data }) byte for byte, for each seq', () => {
    const frame = frameSerializer('chat.created', data);
    for (const seq of [1, 42, 9_007_199_254_740_991])
      expect(frame(seq)).toBe(JSON.stringify({ type: 'chat.created', seq, data }));
  });

  it('leaves seq out of an ephemeral frame', () => {
    expect(frameSerializer('typing', { chatId: 'c' })()).toBe(
      JSON.stringify({ type: 'typing', data: { chatId: 'c' } }),
    );
  });

  it('parses back to the frame', () => {
    expect(JSON.parse(frameSerializer('t"x', data)(7))).toEqual({ type: 't"x', seq: 7, data });
  });
});
