import { defineMessage } from '@chat/contracts';
import { kafkaConfigFromEnv } from '../kafka.config';
import { KafkaEnvelopeServer } from './kafka-envelope.server';

class Payload {}
const Wanted = defineMessage('test.wanted', 1, Payload);
const Unwanted = defineMessage('test.unwanted', 1, Payload);

describe('KafkaEnvelopeServer options', () => {
  const server = () =>
    new KafkaEnvelopeServer({
      kafka: kafkaConfigFromEnv('test', {}),
      group: 'g',
      topics: [],
      messages: [Wanted],
      ignore: [Unwanted],
    });

  it('refuses to listen when an ignored type has a handler, before connecting', async () => {
    const s = server();
    s.addHandler(Unwanted.type, () => Promise.resolve(), true);
    const callback = jest.fn();
    await s.listen(callback);
    expect(callback).toHaveBeenCalledWith(new Error('ignored message types have handlers: test.unwanted'));
  });
});
