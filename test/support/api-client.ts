import { Agent, fetch as undiciFetch } from 'undici';
import { randomBytes } from 'node:crypto';

/** One HTTP answer, body parsed when it is JSON. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny real HTTP client of the public API (Node's fetch), as an app would call it. */
export class ApiClient {
  private readonly dispatcher?: Agent;

  /** `localAddress` (e.g. `127.0.0.2`): requests come from that address, as another client's would. */
  constructor(
    readonly baseUrl: string,
    localAddress?: string,
  ) {
    if (localAddress) this.dispatcher = new Agent({ localAddress });
  }

  async request<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const init = {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    };
    const res = this.dispatcher
      ? await undiciFetch(`${this.baseUrl}${path}`, { ...init, dispatcher: this.dispatcher })
      : await fetch(`${this.baseUrl}${path}`, init);
    const text = await res.text();
    const body = (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
    return { status: res.status, body, headers: res.headers };
  }

  /** Registers a fresh user (unique name) and returns the `201` body. */
  async register(overrides: Partial<RegisterBody> = {}): Promise<Session & { password: string }> {
    const body = newAccount(overrides);
    const res = await this.request<Session>('POST', '/auth/register', { body });
    if (res.status !== 201) throw new Error(`register answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { ...res.body, password: body.password };
  }
}

export interface RegisterBody {
  username: string;
  email: string;
  password: string;
  displayName?: string;
  tags?: string[];
}

export interface Session {
  user: {
    id: string;
    username: string;
    email: string;
    displayName: string;
    tags: string[];
    status: string;
    createdAt: string;
  };
  accessToken: string;
  refreshToken: string;
}

/** A valid, unique registration body. */
export function newAccount(overrides: Partial<RegisterBody> = {}): RegisterBody {
  const suffix = randomBytes(5).toString('hex');
  return {
    username: `u_${suffix}`,
    email: `u_${suffix}@example.test`,
    password: `pw-${randomBytes(8).toString('hex')}`,
    ...overrides,
  };
}
