/**
 * A frame the server sends: `{ type, seq?, data }`. Stored events carry the `seq` a client
 * resumes from with `GET /sync`; ephemeral ones (`pong`, `typing`, `presence.changed`,
 * `error`) have none.
 */
export interface ServerFrame<D = unknown> {
  type: string;
  seq?: number;
  data: D;
}

/** The first frame on an accepted socket. */
export function readyFrame(
  userId: string,
  lastSeq: number,
): ServerFrame<{ userId: string; lastSeq: number }> {
  return { type: 'ready', data: { userId, lastSeq } };
}

export function pongFrame(): ServerFrame<Record<string, never>> {
  return { type: 'pong', data: {} };
}

/** The answer to a frame the server could not accept; the socket stays open. */
export function errorFrame(message: string): ServerFrame<{ message: string }> {
  return { type: 'error', data: { message } };
}
