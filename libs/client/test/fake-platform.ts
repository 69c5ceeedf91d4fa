import type { FetchLike, WebSocketConstructor, WebSocketLike } from '../src/platform';
import type { ServerFrame } from '../src/connection/server-events';

/** A WebSocket stub the test plays the server side of. */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: Array<{ type: string; [key: string]: unknown }> = [];

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as { type: string });
  }

  close(code = 1000): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }

  /** The server accepts the socket and says `ready`. */
  accept(userId: string, lastSeq: number): void {
    this.readyState = 1;
    this.onopen?.({});
    this.push({ type: 'ready', data: { userId, lastSeq } });
  }

  push(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** The server (or the network) closes it. */
  serverClose(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

/** A WebSocket constructor whose instances the test can reach. */
export function fakeWebSocket(): { WebSocket: WebSocketConstructor; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  class Tracked extends FakeSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { WebSocket: Tracked, sockets };
}

export interface Call {
  method: string;
  path: string;
  body: unknown;
  authorization?: string;
}

export type Route = (
  call: Call,
) => { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

/** A fetch stub answering from `route`; every call is recorded. */
export function fakeFetch(route: Route): { fetch: FetchLike; calls: Call[] } {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: Call = {
      method: init.method,
      path: url.replace(/^https?:\/\/[^/]+/, ''),
      body: init.body === undefined ? undefined : JSON.parse(init.body),
      authorization: init.headers.authorization,
    };
    calls.push(call);
    const answer = await route(call);
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    return {
      status: answer.status,
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : null) },
      text: () => Promise.resolve(text),
    };
  };
  return { fetch, calls };
}

/** Polls `check` until it returns a truthy value. */
export async function eventually<T>(what: string, check: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A JWT-shaped token (unsigned) expiring at `exp` seconds since the epoch. */
export function fakeJwt(exp: number, id = Math.random().toString(36).slice(2)): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256' })}.${part({ sub: id, exp })}.sig`;
}
