import { isUUID } from 'class-validator';

/** The event a frame the server cannot accept is routed to, with the reason as its data. */
export const INVALID_FRAME = 'invalid-frame';

/** A client frame, as the WebSocket adapter routes it: `event` names the handler. */
export type ClientFrame =
  | { event: 'ping'; data: Record<string, never> }
  | { event: 'typing'; data: { chatId: string } }
  | { event: 'ack'; data: { seq: number } }
  | { event: typeof INVALID_FRAME; data: { message: string } };

const invalid = (message: string): ClientFrame => ({ event: INVALID_FRAME, data: { message } });

/**
 * The WebSocket adapter's message parser: turns a raw frame into the event of its handler.
 * Anything malformed (binary, not JSON, not an object, a missing or unknown `type`, a
 * field of the wrong type) becomes `INVALID_FRAME` instead of being dropped silently, so
 * the client is told why. Fields the server does not read are ignored.
 */
export function parseClientFrame(raw: unknown): ClientFrame {
  if (typeof raw !== 'string') return invalid('frames must be JSON text, not binary');
  let frame: unknown;
  try {
    frame = JSON.parse(raw);
  } catch {
    return invalid('frame is not valid JSON');
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return invalid('frame must be a JSON object');
  const { type, chatId, seq } = frame as Record<string, unknown>;
  if (typeof type !== 'string') return invalid('type must be a string');
  switch (type) {
    case 'ping':
      return { event: 'ping', data: {} };
    case 'typing':
      if (typeof chatId !== 'string' || !isUUID(chatId)) return invalid('chatId must be a UUID');
      return { event: 'typing', data: { chatId } };
    case 'ack':
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1)
        return invalid('seq must be a positive integer');
      return { event: 'ack', data: { seq } };
    default:
      return invalid(`unknown type "${type.slice(0, 64)}"`);
  }
}
