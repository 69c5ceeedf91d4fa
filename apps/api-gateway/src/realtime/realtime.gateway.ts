import { Logger, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { EventLogReader } from '@chat/event-log';
import { AccessTokenService, AuthUser } from '../auth/tokens/access-token.service';
import { DeliveryAcks } from '../chats/commands/ack-delivery/delivery-acks';
import { TypingRelay } from '../chats/typing/typing-relay';
import { PresenceService } from '../presence/presence.service';
import { INVALID_FRAME } from './frames/parse-client-frame';
import { errorFrame, pongFrame, readyFrame, ServerFrame } from './frames/server-frame';
import { accessTokenOf, deviceIdOf } from './sockets/access-token-of';
import { SOCKET_PING_INTERVAL_MS, SocketHeartbeat } from './sockets/socket-heartbeat';
import { SocketRegistry } from './sockets/socket-registry';

/**
 * Largest frame a client may send. `ws` closes a socket that sends more with 1009
 * (message too big) before the frame is parsed; no client frame comes near it.
 */
export const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

/** Close codes: 4401 is the contract's "missing or bad token". */
const CLOSE = { unauthorized: 4401, goingAway: 1001, internalError: 1011, serviceRestart: 1012 } as const;

interface Session {
  user: AuthUser;
  connectionId: string;
  /** `?deviceId=` of the socket (`default` without one): whose delivery receipts its acks are. */
  deviceId: string;
}

/**
 * `/ws`: authenticates a socket by its access token, records it in presence and holds
 * it for pushes; answers `ping` and `typing` frames. Every frame a handler returns is
 * sent to the socket it answers.
 */
@WebSocketGateway({ path: '/ws', maxPayload: MAX_CLIENT_FRAME_BYTES })
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy
{
  private readonly logger = new Logger(RealtimeGateway.name);
  private readonly heartbeat = new SocketHeartbeat();
  /** Settles once the socket is accepted (its session) or refused (undefined). */
  private readonly sessions = new WeakMap<WebSocket, Promise<Session | undefined>>();
  private pinger?: NodeJS.Timeout;

  constructor(
    private readonly tokens: AccessTokenService,
    private readonly presence: PresenceService,
    private readonly registry: SocketRegistry,
    private readonly log: EventLogReader,
    private readonly typing: TypingRelay,
    private readonly acks: DeliveryAcks,
  ) {}

  afterInit(server: WebSocketServer): void {
    this.pinger = setInterval(() => this.heartbeat.round(server.clients), SOCKET_PING_INTERVAL_MS);
  }

  /** Says goodbye (1001) before the adapter terminates what is left. */
  onModuleDestroy(): void {
    clearInterval(this.pinger);
    for (const socket of this.registry.all()) socket.close(CLOSE.goingAway, 'server shutting down');
  }

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    this.heartbeat.watch(socket);
    this.sessions.set(socket, this.accept(socket, request));
  }

  async handleDisconnect(socket: WebSocket): Promise<void> {
    this.registry.remove(socket);
    const session = await this.sessions.get(socket);
    if (!session) return;
    await this.presence.disconnect(session.connectionId).catch((err: Error) => {
      // The row stays behind without heartbeats; a sweep removes it within three periods.
      this.logger.warn(`presence of user ${session.user.userId} not released: ${err.message}`);
    });
  }

  @SubscribeMessage('ping')
  async onPing(@ConnectedSocket() socket: WebSocket): Promise<ServerFrame | undefined> {
    return (await this.sessions.get(socket)) ? pongFrame() : undefined;
  }

  @SubscribeMessage('typing')
  async onTyping(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() frame: { chatId: string },
  ): Promise<ServerFrame | undefined> {
    const session = await this.sessions.get(socket);
    if (!session) return undefined;
    try {
      // A non-member is told nothing about the chat, as the HTTP queries answer 404.
      const outcome = await this.typing.relay(frame.chatId, session.user.userId);
      if (outcome === 'not-member') return errorFrame(`chat ${frame.chatId} not found`);
      if (outcome === 'blocked') return errorFrame('this user has blocked you');
      return undefined;
    } catch (err) {
      this.logger.warn(`typing in chat ${frame.chatId} not relayed: ${(err as Error).message}`);
      return errorFrame('typing could not be relayed now; try again');
    }
  }

  /** This device received the user's events up to `seq` (a delivery receipt; cumulative). */
  @SubscribeMessage('ack')
  async onAck(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() frame: { seq: number },
  ): Promise<undefined> {
    const session = await this.sessions.get(socket);
    if (session) this.acks.ack(session.user.userId, session.deviceId, frame.seq);
    return undefined;
  }

  @SubscribeMessage(INVALID_FRAME)
  async onInvalid(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() problem: { message: string },
  ): Promise<ServerFrame | undefined> {
    return (await this.sessions.get(socket)) ? errorFrame(problem.message) : undefined;
  }

  /**
   * Verifies the token, records the connection, then holds the socket and sends `ready`.
   * Frames that arrive meanwhile wait for this (their handlers await the session), so
   * `ready` is always the first frame.
   */
  private async accept(socket: WebSocket, request: IncomingMessage): Promise<Session | undefined> {
    let user: AuthUser;
    try {
      user = await this.tokens.verify(accessTokenOf(request));
    } catch {
      socket.close(CLOSE.unauthorized, 'unauthorized');
      return undefined;
    }
    let connectionId: string | undefined;
    try {
      connectionId = await this.presence.connect(user.userId);
    } catch (err) {
      const restarting = err instanceof ServiceUnavailableException;
      if (!restarting)
        this.logger.error(`presence of user ${user.userId} not recorded: ${(err as Error).message}`);
      socket.close(restarting ? CLOSE.serviceRestart : CLOSE.internalError, 'try again');
      return undefined;
    }
    if (!connectionId) {
      socket.close(CLOSE.unauthorized, 'unknown user'); // a valid token of a deleted user
      return undefined;
    }
    const session = { user, connectionId, deviceId: deviceIdOf(request) };
    // Closed while presence was recorded: handleDisconnect has run and waits for this session.
    if (socket.readyState !== socket.OPEN) return session;
    // Held BEFORE the head is read, which lets this instance skip push records for users it
    // does not hold (PushRecordFilter) without a race: an event committed before the read is
    // at or below `lastSeq`, so the client's catch-up (`/sync` after its last seq) has it even
    // if its push was skipped; one committed after the read is published, so consumed, after
    // this add: it finds the socket held and is pushed (queued until `ready`), not lost.
    this.registry.add(user.userId, socket);
    let lastSeq: number;
    try {
      lastSeq = await this.log.head(user.userId);
    } catch (err) {
      this.logger.error(`last seq of user ${user.userId} not read: ${(err as Error).message}`);
      socket.close(CLOSE.internalError, 'try again');
      return session;
    }
    socket.send(JSON.stringify(readyFrame(user.userId, lastSeq)));
    this.registry.ready(socket);
    return session;
  }
}
