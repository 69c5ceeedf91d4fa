import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { SocketHeartbeat } from './socket-heartbeat';

class FakeSocket extends EventEmitter {
  ping = jest.fn();
  terminate = jest.fn();
}

describe('SocketHeartbeat', () => {
  it('pings every round and terminates a socket that did not answer the last ping', () => {
    const heartbeat = new SocketHeartbeat();
    const [alive, dead] = [new FakeSocket(), new FakeSocket()];
    const sockets = [alive, dead] as unknown as WebSocket[];
    sockets.forEach((s) => heartbeat.watch(s));

    heartbeat.round(sockets);
    expect(alive.ping).toHaveBeenCalledTimes(1);
    expect(dead.ping).toHaveBeenCalledTimes(1);

    alive.emit('pong');
    heartbeat.round(sockets);
    expect(alive.ping).toHaveBeenCalledTimes(2);
    expect(alive.terminate).not.toHaveBeenCalled();
    expect(dead.terminate).toHaveBeenCalledTimes(1);
  });
});
