import type { SequencedEvent } from '../src/connection/server-events';
import { Call, fakeFetch, fakeJwt, fakeWebSocket, Route } from './fake-platform';

/**
 * The gateway as the client sees it: a log of stored events, /sync over it, commands answered
 * 202 with numbered command ids, and whatever else the test answers through `queries`.
 */
export function fakeGateway() {
  const log: SequencedEvent[] = [];
  const sockets = fakeWebSocket();
  let commands = 0;
  const state = {
    postStatus: [] as number[],
    resetBelow: 0,
    /** Answers the test gives first (queries); `undefined` falls through to the defaults. */
    queries: (() => undefined) as (call: Call) => ReturnType<Route> | undefined,
  };
  const { fetch, calls } = fakeFetch((call: Call) => {
    const answer = state.queries(call);
    if (answer) return answer;
    if (call.path.startsWith('/sync')) {
      const q = new URLSearchParams(call.path.split('?')[1]);
      const after = Number(q.get('after'));
      const limit = Number(q.get('limit'));
      const newest = log.length;
      if (after < state.resetBelow)
        return { status: 200, body: { events: [], reset: true, nextAfter: newest, hasMore: false } };
      const events = log.slice(after, after + limit);
      const nextAfter = events.at(-1)?.seq ?? after;
      return { status: 200, body: { events, nextAfter, hasMore: nextAfter < newest } };
    }
    if (call.path === '/auth/refresh')
      return {
        status: 200,
        body: { accessToken: fakeJwt(Math.floor(Date.now() / 1000) + 900), refreshToken: 'r1' },
      };
    if (call.method === 'POST' && call.path.endsWith('/messages')) {
      const status = state.postStatus.shift() ?? 202;
      if (status !== 202) return { status, body: { message: 'unavailable' } };
    }
    return { status: 202, body: { commandId: `cmd-${++commands}` } };
  });
  /** Appends an event to the log (as a worker would) and returns it. */
  const append = (type: string, data: unknown): SequencedEvent => {
    const event = { seq: log.length + 1, type, data };
    log.push(event);
    return event;
  };
  return { fetch, calls, log, append, state, ...sockets };
}

export type FakeGateway = ReturnType<typeof fakeGateway>;
