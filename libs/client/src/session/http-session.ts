import type { Tokens } from '../api/api-schemas.js';
import { ApiError, NetworkError } from '../errors.js';
import { FetchLike, jwtExpiry } from '../platform.js';

/** Refresh this long before the access token expires, so a request never carries a stale one. */
const REFRESH_MARGIN_SECONDS = 30;

export interface HttpSessionOptions {
  baseUrl: string;
  fetch: FetchLike;
  /** Called with the new tokens after login and every refresh (store them), `undefined` when gone. */
  onTokens: (tokens: Tokens | undefined) => void;
  /** Called when the refresh token is refused: the user must log in again. */
  onExpired: (status: number) => void;
  /** Clock in ms (tests move it). */
  now?: () => number;
}

/**
 * HTTP with the caller's tokens. A `401` (or an access token about to expire) triggers
 * one refresh, shared by every request that needs it (the refresh token is single-use:
 * two refreshes racing would present a spent token and revoke the whole login).
 */
export class HttpSession {
  private tokens?: Tokens;
  private refreshing?: Promise<Tokens>;
  private readonly now: () => number;

  constructor(private readonly options: HttpSessionOptions) {
    this.now = options.now ?? Date.now;
  }

  get current(): Tokens | undefined {
    return this.tokens;
  }

  setTokens(tokens: Tokens | undefined): void {
    this.tokens = tokens;
    this.options.onTokens(tokens);
  }

  /** An access token good for at least the next half minute (refreshing first if needed). */
  async accessToken(): Promise<string> {
    const tokens = this.tokens;
    if (!tokens) throw new ApiError(401, { message: 'not logged in' });
    const exp = jwtExpiry(tokens.accessToken);
    if (exp !== undefined && exp - REFRESH_MARGIN_SECONDS <= this.now() / 1000) {
      return (await this.refresh(tokens.accessToken)).accessToken;
    }
    return tokens.accessToken;
  }

  /**
   * Rotates the tokens once for everyone who saw `staleAccessToken` fail; callers who come
   * after the rotation get the new tokens without a second refresh.
   */
  refresh(staleAccessToken?: string): Promise<Tokens> {
    if (this.refreshing) return this.refreshing;
    const tokens = this.tokens;
    if (!tokens) return Promise.reject(new ApiError(401, { message: 'not logged in' }));
    if (staleAccessToken !== undefined && tokens.accessToken !== staleAccessToken)
      return Promise.resolve(tokens);
    this.refreshing = this.rotate(tokens.refreshToken).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async rotate(refreshToken: string): Promise<Tokens> {
    try {
      const fresh = (await this.send('POST', '/auth/refresh', { refreshToken })) as Tokens;
      this.setTokens({ accessToken: fresh.accessToken, refreshToken: fresh.refreshToken });
      return fresh;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        this.setTokens(undefined);
        this.options.onExpired(err.status);
      }
      throw err;
    }
  }

  /**
   * An authenticated request: one refresh and one retry on `401`. Untyped here: `Api` gives
   * each route its type from the OpenAPI document.
   */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const token = await this.accessToken();
    try {
      return await this.send(method, path, body, token);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      const fresh = await this.refresh(token);
      return this.send(method, path, body, fresh.accessToken);
    }
  }

  /** One HTTP exchange; a non-2xx answer is an `ApiError`, no answer a `NetworkError`. */
  async send(method: string, path: string, body?: unknown, token?: string): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    let text: string;
    let res;
    try {
      res = await this.options.fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      text = await res.text();
    } catch (err) {
      throw new NetworkError(err);
    }
    const json =
      res.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as unknown) : text;
    if (res.status >= 200 && res.status < 300) return json;
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new ApiError(
      res.status,
      json,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
}
