import type { IncomingMessage } from 'node:http';

/**
 * The access token of a WebSocket upgrade: `?token=` (browsers cannot set headers on a
 * WebSocket) or `Authorization: Bearer`. Undefined when neither is given.
 */
export function accessTokenOf(request: IncomingMessage): string | undefined {
  const query = new URL(request.url ?? '/', 'ws://gateway').searchParams.get('token');
  if (query) return query;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The device a socket says it is (`?deviceId=`, 1–64 characters); `default` otherwise. */
export function deviceIdOf(request: IncomingMessage): string {
  const id = new URL(request.url ?? '/', 'ws://gateway').searchParams.get('deviceId');
  return id && id.length <= 64 ? id : 'default';
}
