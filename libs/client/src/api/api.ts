import type { HttpSession } from '../session/http-session.js';
import type { InitArgs, Method, PathOf, RouteAnswer, RouteInit } from './api-routes.js';

/**
 * The gateway's HTTP routes, typed from its OpenAPI document: the path template and method
 * pick the route, and the compiler checks its parameters and body and knows its answer.
 *
 * @example
 * const page = await api.call('get', '/chats/{id}/messages', { path: { id }, query: { limit: 20 } });
 */
export class Api {
  constructor(private readonly http: HttpSession) {}

  /** A route called with the session's access token (refreshed once on a `401`). */
  call<M extends Method, P extends PathOf<M>>(
    method: M,
    path: P,
    ...[init]: InitArgs<M, P>
  ): Promise<RouteAnswer<M, P>> {
    const { url, body } = request<M, P>(path, init);
    return this.http.request(method.toUpperCase(), url, body) as Promise<RouteAnswer<M, P>>;
  }

  /** A route that takes no token (register, login, refresh, logout). */
  callAnonymous<M extends Method, P extends PathOf<M>>(
    method: M,
    path: P,
    ...[init]: InitArgs<M, P>
  ): Promise<RouteAnswer<M, P>> {
    const { url, body } = request<M, P>(path, init);
    return this.http.send(method.toUpperCase(), url, body) as Promise<RouteAnswer<M, P>>;
  }
}

/** The URL of a path template with its parameters filled in and its query appended. */
export function request<M extends Method, P extends PathOf<M>>(
  template: P,
  init?: RouteInit<M, P>,
): { url: string; body?: unknown } {
  const params = (init?.path ?? {}) as Record<string, string | number>;
  const url = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`${template}: no value for {${name}}`);
    return encodeURIComponent(String(params[name]));
  });
  const query = Object.entries((init?.query ?? {}) as Record<string, string | number | undefined>)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return { url: query.length ? `${url}?${query.join('&')}` : url, body: init?.body };
}
