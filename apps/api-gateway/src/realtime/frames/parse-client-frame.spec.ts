import { INVALID_FRAME, parseClientFrame } from './parse-client-frame';

const CHAT = '0b9d3a4e-8f5c-4c1a-9a57-3a8d7c1e2f40';

describe('parseClientFrame', () => {
  it('routes ping and typing to their handlers', () => {
    expect(parseClientFrame('{"type":"ping"}')).toEqual({ event: 'ping', data: {} });
    expect(parseClientFrame(JSON.stringify({ type: 'typing', chatId: CHAT }))).toEqual({
      event: 'typing',
      data: { chatId: CHAT },
    });
  });

  it('ignores fields it does not read', () => {
    expect(parseClientFrame('{"type":"ping","id":7}')).toEqual({ event: 'ping', data: {} });
  });

  it.each([
    ['binary data', Buffer.from('{"type":"ping"}'), /binary/],
    ['text that is not JSON', '{"type": ', /not valid JSON/],
    ['a JSON array', '[{"type":"ping"}]', /JSON object/],
    ['JSON null', 'null', /JSON object/],
    ['a JSON string', '"ping"', /JSON object/],
    ['no type', '{}', /type must be a string/],
    ['a numeric type', '{"type":1}', /type must be a string/],
    ['an unknown type', '{"type":"dance"}', /unknown type "dance"/],
    ['the internal event name', `{"type":"${INVALID_FRAME}"}`, /unknown type/],
    ['typing without chatId', '{"type":"typing"}', /chatId must be a UUID/],
    ['typing with a numeric chatId', '{"type":"typing","chatId":5}', /chatId must be a UUID/],
    ['typing with a chatId that is no UUID', '{"type":"typing","chatId":"general"}', /chatId must be a UUID/],
  ])('turns %s into an invalid frame naming the problem', (_name, raw, message) => {
    const frame = parseClientFrame(raw);
    expect(frame.event).toBe(INVALID_FRAME);
    expect((frame.data as { message: string }).message).toMatch(message);
  });
});
