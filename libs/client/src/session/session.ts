import { Api } from '../api/api.js';
import type { RegisterInput, SignedIn, Tokens, User } from '../api/api-schemas.js';
import { Emitter, Handler } from '../emitter.js';
import type { FetchLike } from '../platform.js';
import { HttpSession } from './http-session.js';

export interface SessionEventMap {
  /** The tokens changed (login, refresh): store them. `undefined` after logout or expiry. */
  tokens: Tokens | undefined;
  /** The refresh token was refused: the user must log in again (the client has closed). */
  expired: { status: number };
}

export interface SessionOptions {
  baseUrl: string;
  fetch: FetchLike;
  /** Tokens saved from an earlier session (see the `tokens` event). */
  tokens?: Tokens;
  /** The session is over (logout or a refused refresh): close what runs on it. */
  onEnd: () => void;
  /** A handler that threw. */
  onError: (err: unknown) => void;
}

/**
 * Who the client is: register, log in and out, and tokens kept fresh. Every HTTP call goes
 * through its `api`, which carries the access token and refreshes it once, shared by every
 * caller, on a `401` or when it is about to expire (the refresh token is single-use).
 */
export class Session {
  /** The gateway's routes, typed from its OpenAPI document, called with this session's token. */
  readonly api: Api;
  private readonly http: HttpSession;
  private readonly emitter: Emitter<SessionEventMap>;
  private currentUser?: User;

  constructor(private readonly options: SessionOptions) {
    this.emitter = new Emitter<SessionEventMap>(options.onError);
    this.http = new HttpSession({
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      onTokens: (tokens) => this.emitter.emit('tokens', tokens),
      onExpired: (status) => {
        this.emitter.emit('expired', { status });
        options.onEnd();
      },
    });
    this.api = new Api(this.http);
    if (options.tokens) this.http.setTokens(options.tokens);
  }

  /** Registers a new user and keeps their tokens. */
  async register(input: RegisterInput): Promise<SignedIn> {
    return this.start(await this.api.callAnonymous('post', '/auth/register', { body: input }));
  }

  async login(username: string, password: string): Promise<SignedIn> {
    return this.start(await this.api.callAnonymous('post', '/auth/login', { body: { username, password } }));
  }

  /** Ends this login everywhere it is used (its refresh token family) and closes the client. */
  async logout(): Promise<void> {
    const tokens = this.http.current;
    this.options.onEnd();
    if (tokens)
      await this.api.callAnonymous('post', '/auth/logout', { body: { refreshToken: tokens.refreshToken } });
    this.http.setTokens(undefined);
  }

  /** Rotates the tokens now (normally automatic). */
  refresh(): Promise<Tokens> {
    return this.http.refresh();
  }

  /** Reads the signed-in user again (`user` follows). */
  async me(): Promise<User> {
    return (this.currentUser = await this.api.call('get', '/users/me'));
  }

  get tokens(): Tokens | undefined {
    return this.http.current;
  }

  /** The signed-in user (after register or login, or `me()`). */
  get user(): User | undefined {
    return this.currentUser;
  }

  /** A fresh access token (for the socket). */
  accessToken(): Promise<string> {
    return this.http.accessToken();
  }

  /** Rotates once for everyone who saw `staleAccessToken` refused (see HttpSession.refresh). */
  refreshAfter(staleAccessToken?: string): Promise<Tokens> {
    return this.http.refresh(staleAccessToken);
  }

  on<K extends keyof SessionEventMap>(type: K, handler: Handler<SessionEventMap[K]>): () => void {
    return this.emitter.on(type, handler);
  }

  private start(signedIn: SignedIn): SignedIn {
    this.currentUser = signedIn.user;
    this.http.setTokens({ accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken });
    return signedIn;
  }
}
