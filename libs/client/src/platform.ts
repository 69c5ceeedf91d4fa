/**
 * The few platform features the client needs, typed here so it depends on neither DOM
 * nor Node typings: browsers and React Native provide `fetch` and `WebSocket` as globals;
 * Node tests pass them (e.g. the `ws` package) in.
 */

export interface ResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<ResponseLike>;

/** The part of the WHATWG WebSocket the client uses (`ws` implements it too). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** `WebSocket.OPEN`. */
export const SOCKET_OPEN = 1;

export type Timer = ReturnType<typeof setTimeout>;

interface PlatformGlobals {
  fetch?: FetchLike;
  WebSocket?: WebSocketConstructor;
  crypto?: { randomUUID?: () => string };
  atob?: (data: string) => string;
}

const platform = globalThis as unknown as PlatformGlobals;

export function defaultFetch(): FetchLike | undefined {
  return platform.fetch?.bind(globalThis);
}

export function defaultWebSocket(): WebSocketConstructor | undefined {
  return platform.WebSocket;
}

/** A random v4 UUID (`crypto.randomUUID` where there is one). */
export function uuid(): string {
  const native = platform.crypto?.randomUUID;
  if (native) return native.call(platform.crypto);
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Seconds since the epoch when a JWT expires; undefined when it cannot be read. */
export function jwtExpiry(token: string): number | undefined {
  try {
    const part = token.split('.')[1];
    if (!part || !platform.atob) return undefined;
    const json = platform.atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}
