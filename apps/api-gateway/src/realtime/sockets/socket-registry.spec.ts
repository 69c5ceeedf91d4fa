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

  it('holds pushes to a socket until it is ready, then sends them in order before later ones', () => {
    const registry = new SocketRegistry();
    const sent: string[] = [];
    const ws = { OPEN: 1, readyState: 1, send: (json: string) => sent.push(json) } as unknown as WebSocket;
    registry.add('u1', ws);
    registry.send(ws, 'a', () => undefined);
    registry.send(ws, 'b', () => undefined);
    expect(sent).toEqual([]);
    sent.push('ready');
    registry.ready(ws);
    registry.send(ws, 'c', () => undefined);
    expect(sent).toEqual(['ready', 'a', 'b', 'c']);
  });
});
