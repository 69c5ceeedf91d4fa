// A load agent's connection to the peer (bench/peer/server.mjs): one socket.io socket, WebSocket only.
import { io } from 'socket.io-client';

/**
 * Connects, and resolves once the server said `ready` (the socket then is in every room of its
 * chats) with `{ socket, userId, close() }`. `onMessage(message)` gets every `message.created`.
 * `localAddress` is the source IP for the TCP connection (engine.io-client hands it to `ws`, which
 * hands it to `http.request`). Rejects on `connect_error` (e.g. `unauthorized`), on a disconnect
 * before `ready`, or after `timeoutMs`.
 */
export function connectPeer({ url, token, localAddress, onMessage, timeoutMs = 10000 }) {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: timeoutMs,
      auth: { token },
      ...(localAddress ? { localAddress } : {}),
    });
    let settled = false;
    const fail = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.disconnect();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const timer = setTimeout(() => fail(new Error(`peer: no ready within ${timeoutMs} ms`)), timeoutMs);

    if (onMessage) socket.on('message.created', (message) => onMessage(message));
    socket.once('connect_error', (err) => fail(new Error(`peer connect_error: ${err.message}`)));
    socket.once('disconnect', (reason) => fail(new Error(`peer disconnected before ready: ${reason}`)));
    socket.once('ready', (data) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ socket, userId: data?.userId, close: () => closeSocket(socket) });
    });
  });
}

/** Disconnects, and resolves once the underlying WebSocket is closed (at most 2 s later). */
function closeSocket(socket) {
  const ws = socket.io.engine?.transport?.ws;
  socket.disconnect();
  if (!ws || ws.readyState === 3 /* CLOSED */) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 2000);
    ws.addEventListener('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
