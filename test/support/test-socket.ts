import WebSocket from 'ws';
import { waitFor } from './wait-for';

/** A frame the gateway sent. */
export interface Frame<D = Record<string, unknown>> {
  type: string;
  seq?: number;
  data: D;
}

/** A real `ws` client of the gateway's `/ws` that records every frame and how it closed. */
export class TestSocket {
  readonly frames: Frame[] = [];
  /** When each frame of `frames` arrived (Date.now(), same index). */
  readonly receivedAt: number[] = [];
  closed?: { code: number; reason: string };

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.receivedAt.push(Date.now());
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  /** Opens `/ws` with `?token=` when given, else with the given headers; resolves once open. */
  static open(baseUrl: string, options: { token?: string; headers?: Record<string, string> } = {}) {
    const url = new URL('/ws', baseUrl.replace(/^http/, 'ws'));
    if (options.token !== undefined) url.searchParams.set('token', options.token);
    const ws = new WebSocket(url, { headers: options.headers });
    const socket = new TestSocket(ws);
    return new Promise<TestSocket>((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  /** Opens a socket and waits for its `ready` frame. */
  static async ready(baseUrl: string, token: string): Promise<TestSocket> {
    const socket = await TestSocket.open(baseUrl, { token });
    await socket.next('ready');
    return socket;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Waits for a frame of `type` (matching `where`) that arrived after the `after`-th frame. */
  next<D = Record<string, unknown>>(
    type: string,
    where: (frame: Frame<D>) => boolean = () => true,
    after = 0,
  ): Promise<Frame<D>> {
    return waitFor(`a "${type}" frame`, () =>
      (this.frames.slice(after) as Frame<D>[]).find((f) => f.type === type && where(f)),
    );
  }

  /** Sends `frame` and waits for the next frame of `type` the server sends after it. */
  async ask<D = Record<string, unknown>>(frame: unknown, type: string): Promise<Frame<D>> {
    const after = this.frames.length;
    this.send(frame);
    return this.next<D>(type, () => true, after);
  }

  waitForClose(): Promise<{ code: number; reason: string }> {
    return waitFor('the socket to close', () => this.closed);
  }

  /** Closes (if open) and waits until the close handshake is over. */
  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    await this.waitForClose();
  }
}
