import { HEADERS, pushRecipientsHeader } from '@chat/contracts';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { SocketRegistry } from '../sockets/socket-registry';
import { PushRecordFilter } from './push-record-filter';

const PUSH_TOPIC = 'run1.push.events';
const record = (headers?: IHeaders) => ({ value: Buffer.from('not parsed here'), headers }) as KafkaMessage;
const naming = (...userIds: string[]) =>
  record({
    [HEADERS.pushRecipients]: Buffer.from(pushRecipientsHeader(userIds.map((userId) => ({ userId })))),
  });

describe('PushRecordFilter', () => {
  const [alice, bob, carol] = [randomUUID(), randomUUID(), randomUUID()];
  let registry: SocketRegistry;
  let accept: (message: KafkaMessage, topic: string) => boolean;

  beforeEach(() => {
    registry = new SocketRegistry();
    const filter = new PushRecordFilter();
    filter.bind(registry);
    accept = filter.acceptor(PUSH_TOPIC);
  });

  it('skips a push naming nobody held here, also when nobody is held at all', () => {
    expect(accept(naming(alice, bob), PUSH_TOPIC)).toBe(false);
    registry.add(carol, {} as WebSocket);
    expect(accept(naming(alice, bob), PUSH_TOPIC)).toBe(false);
  });

  it('accepts a push naming a held user anywhere in its header, from the moment the socket is added', () => {
    const socket = {} as WebSocket;
    registry.add(bob, socket); // not sent `ready` yet: the push waits for it, it is not skipped
    expect(accept(naming(alice, bob), PUSH_TOPIC)).toBe(true);
    expect(accept(naming(bob), PUSH_TOPIC)).toBe(true);
    registry.remove(socket);
    expect(accept(naming(bob), PUSH_TOPIC)).toBe(false);
  });

  it('accepts a push without the header, or before a registry is bound, as before', () => {
    expect(accept(record(), PUSH_TOPIC)).toBe(true);
    expect(accept(record({ [HEADERS.messageType]: 'push.deliver' }), PUSH_TOPIC)).toBe(true);
    const unbound = new PushRecordFilter().acceptor(PUSH_TOPIC);
    expect(unbound(naming(alice), PUSH_TOPIC)).toBe(true);
  });

  it('reads a string value and a repeated header too', () => {
    registry.add(alice, {} as WebSocket);
    expect(accept(record({ [HEADERS.pushRecipients]: `${bob},${alice}` }), PUSH_TOPIC)).toBe(true);
    const repeated = record({ [HEADERS.pushRecipients]: [Buffer.from(bob), Buffer.from(alice)] });
    expect(accept(repeated, PUSH_TOPIC)).toBe(true);
    expect(accept(record({ [HEADERS.pushRecipients]: [Buffer.from(bob)] }), PUSH_TOPIC)).toBe(false);
  });

  it('leaves the other topics alone, whatever their headers say', () => {
    expect(accept(naming(alice), 'run1.command.results')).toBe(true);
    expect(accept(naming(alice), 'run1.user.events')).toBe(true);
    expect(accept(naming(alice), 'push.events')).toBe(true); // another prefix's
  });
});
