import { ApiClient, RegisterBody, Session } from './api-client';
import { Frame, TestSocket } from './test-socket';
import { waitFor } from './wait-for';

/** `command.succeeded` / `command.failed` data. */
export interface Outcome {
  commandId: string;
  result?: Record<string, unknown>;
  code?: string;
  message?: string;
}

/**
 * A registered user acting as an app does: HTTP commands answered `202`, outcomes and
 * events read from their own socket (on the gateway they were given).
 */
export class ChatUser {
  private constructor(
    readonly api: ApiClient,
    readonly session: Session & { password: string },
    readonly socket: TestSocket,
  ) {}

  static async create(baseUrl: string, overrides: Partial<RegisterBody> = {}): Promise<ChatUser> {
    const api = new ApiClient(baseUrl);
    const session = await api.register(overrides);
    const socket = await TestSocket.ready(baseUrl, session.accessToken);
    return new ChatUser(api, session, socket);
  }

  get id(): string {
    return this.session.user.id;
  }

  get token(): string {
    return this.session.accessToken;
  }

  request<T = Record<string, unknown>>(method: string, path: string, body?: unknown) {
    return this.api.request<T>(method, path, { token: this.token, body });
  }

  /** Sends a command and returns its id; fails unless the gateway answered `202`. */
  async command(method: string, path: string, body?: unknown): Promise<string> {
    const res = await this.request<{ commandId: string }>(method, path, body);
    if (res.status !== 202)
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.commandId;
  }

  /** The outcome frame of `commandId` on this user's socket. */
  async outcome(commandId: string, timeoutMs = 20_000): Promise<Frame<Outcome>> {
    return waitFor(
      `the outcome of command ${commandId}`,
      () =>
        (this.socket.frames as unknown as Frame<Outcome>[]).find(
          (f) =>
            (f.type === 'command.succeeded' || f.type === 'command.failed') && f.data.commandId === commandId,
        ),
      timeoutMs,
    );
  }

  /** Runs a command to its outcome and returns the frame. */
  async run(method: string, path: string, body?: unknown): Promise<Frame<Outcome>> {
    return this.outcome(await this.command(method, path, body));
  }

  /** Runs a command that must succeed and returns its result. */
  async succeed<R = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<R> {
    const frame = await this.run(method, path, body);
    if (frame.type !== 'command.succeeded')
      throw new Error(`${method} ${path} failed: ${JSON.stringify(frame.data)}`);
    return frame.data.result as R;
  }

  /** Frames of `type` received so far (optionally matching `where`). */
  framesOf<D = Record<string, unknown>>(type: string, where: (data: D) => boolean = () => true): Frame<D>[] {
    return (this.socket.frames as unknown as Frame<D>[]).filter((f) => f.type === type && where(f.data));
  }

  async close(): Promise<void> {
    await this.socket.close();
  }
}
