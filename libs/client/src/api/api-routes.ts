import type { paths } from '../generated/api-types.js';

/**
 * Types of one route of the generated `paths`: which paths answer a method, what a call
 * needs (path parameters, query, body) and what a success answers. Routes are named by
 * method and path template, never by operation id, so renaming a controller changes nothing
 * here while removing or reshaping a route breaks every call of it at compile time.
 */

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Operation<M extends Method, P extends keyof paths> = NonNullable<paths[P][M]>;

/** The paths that answer `M`. */
export type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends { responses: object } ? P : never;
}[keyof paths];

type PathInit<O> = O extends { parameters: { path: infer Params extends object } }
  ? { path: Params }
  : { path?: undefined };

type QueryInit<O> = O extends { parameters: { query?: infer Query } }
  ? [Query] extends [undefined] // `query?: never`
    ? { query?: undefined }
    : { query?: Query }
  : { query?: undefined };

type BodyInit<O> = O extends { requestBody: { content: { 'application/json': infer Body } } }
  ? { body: Body }
  : { body?: undefined };

/** What a call of the route takes: `path` parameters, `query` and JSON `body`, where it has them. */
export type RouteInit<M extends Method, P extends PathOf<M>> = PathInit<Operation<M, P>> &
  QueryInit<Operation<M, P>> &
  BodyInit<Operation<M, P>>;

type Success = 200 | 201 | 202 | 204;
type JsonOf<R> = R extends { content: { 'application/json': infer Json } } ? Json : void;

/** The JSON a success of the route answers (`void` for a `204`). */
export type RouteAnswer<M extends Method, P extends PathOf<M>> =
  Operation<M, P> extends { responses: infer Responses }
    ? { [S in keyof Responses & Success]: JsonOf<Responses[S]> }[keyof Responses & Success]
    : never;

/** The init argument, optional when the route needs nothing. */
export type InitArgs<M extends Method, P extends PathOf<M>> =
  Record<string, never> extends RouteInit<M, P> ? [init?: RouteInit<M, P>] : [init: RouteInit<M, P>];
