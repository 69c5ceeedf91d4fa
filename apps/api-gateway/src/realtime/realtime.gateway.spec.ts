import type { EventLogReader } from '@chat/event-log';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { AccessTokenService } from '../auth/tokens/access-token.service';
import type { DeliveryAcks } from '../chats/commands/ack-delivery/delivery-acks';
import type { TypingRelay } from '../chats/typing/typing-relay';
import type { PresenceService } from '../presence/presence.service';
import { RealtimeGateway } from './realtime.gateway';
import { SocketRegistry } from './sockets/socket-registry';

/** The connect path's order, which skipping pushes for users not held relies on. */
describe('RealtimeGateway connect', () => {
  it('holds the socket before it reads the head that `ready` reports', async () => {
    const registry = new SocketRegistry();
    const userId = '9b2f6c1e-0000-4000-8000-000000000001';
    const sent: string[] = [];
    const socket = {
      OPEN: 1,
      readyState: 1,
      on: () => undefined,
      send: (json: string) => sent.push(json),
      close: () => undefined,
    } as unknown as WebSocket;
    let heldAtHeadRead: boolean | undefined;
    const log = {
      head: (id: string) => {
        heldAtHeadRead = registry.holds(id);
        return Promise.resolve(41);
      },
    } as unknown as EventLogReader;
    const gateway = new RealtimeGateway(
      { verify: () => Promise.resolve({ userId, username: 'u' }) } as unknown as AccessTokenService,
      { connect: () => Promise.resolve('connection-1') } as unknown as PresenceService,
      registry,
      log,
      {} as TypingRelay,
      {} as DeliveryAcks,
    );

    gateway.handleConnection(socket, { url: '/ws?token=t', headers: {} } as IncomingMessage);
    await gateway.onPing(socket); // settles once the socket is accepted

    expect(heldAtHeadRead).toBe(true);
    expect(JSON.parse(sent[0])).toEqual({ type: 'ready', data: { userId, lastSeq: 41 } });
  });
});
