import type { WebSocket } from 'ws';
import { SocketRegistry } from './socket-registry';

const socket = () => ({}) as WebSocket;

describe('SocketRegistry', () => {
  it('holds several sockets per user and forgets them one by one', () => {
    const registry = new SocketRegistry();
    const [phone, laptop, other] = [socket(), socket(), socket()];
    registry.add('u1', phone);
    registry.add('u1', laptop);
    registry.add('u2', other);
    expect([...registry.socketsOf('u1')]).toEqual([phone, laptop]);

    registry.remove(phone);
    expect([...registry.socketsOf('u1')]).toEqual([laptop]);
    registry.remove(laptop);
    registry.remove(laptop);
    expect(registry.socketsOf('u1').size).toBe(0);
    expect(registry.all()).toEqual([other]);
  });

  it('ignores a socket it never held', () => {
    const registry = new SocketRegistry();
    expect(() => registry.remove(socket())).not.toThrow();
    expect(registry.socketsOf('nobody').size).toBe(0);
  });
});
