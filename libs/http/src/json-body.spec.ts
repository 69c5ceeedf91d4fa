import { PassThrough } from 'node:stream';
import { findProtoKey, leanJsonBody } from './json-body';
import { RequestContext } from './request-context';

describe('findProtoKey', () => {
  it.each([
    ['{"__proto__": {"admin": true}}', '__proto__'],
    ['{"a": {"constructor": {"prototype": 1}}}', 'constructor'],
    ['{"a": [1, {"b": [{"prototype": 2}]}]}', 'prototype'],
    ['{"a": {"b": [1, "__proto__", {"c": null}]}}', undefined],
    ['[{"x": 1}]', undefined],
    ['"__proto__"', undefined],
  ])('finds the prototype key of %s', (json, key) => {
    expect(findProtoKey(JSON.parse(json))).toBe(key);
  });

  it('walks deep nesting without overflowing the stack', () => {
    const deep = `${'{"a":'.repeat(20_000)}{"__proto__":1}${'}'.repeat(20_000)}`;
    expect(findProtoKey(JSON.parse(deep))).toBe('__proto__');
  });
});

describe('leanJsonBody', () => {
  type Answer = { body?: unknown; error?: { status: number; type: string; message: string } };

  /** Runs the middleware over a request of `headers` whose body arrives as `parts`. */
  function run(headers: Record<string, string>, parts: string[]): Promise<Answer> {
    const req = Object.assign(new PassThrough(), { headers, body: undefined });
    return new Promise((resolve) => {
      leanJsonBody(64)(req as never, {} as never, (err?: unknown) =>
        resolve(err ? { error: err as Answer['error'] } : { body: req.body }),
      );
      for (const part of parts) req.write(part);
      req.end();
    });
  }
  const json = (body: string, type = 'application/json') => ({
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
  });

  it('parses a JSON object, in pieces, with or without a UTF-8 charset or a BOM', async () => {
    expect(await run(json('{"a":1}'), ['{"a"', ':1}'])).toEqual({ body: { a: 1 } });
    expect(await run(json('{"a":"é"}', 'application/json; charset=UTF-8'), ['{"a":"é"}'])).toEqual({
      body: { a: 'é' },
    });
    expect(await run(json('\ufeff[1]'), ['\ufeff[1]'])).toEqual({ body: [1] });
    expect(await run(json(''), [])).toEqual({ body: {} });
  });

  it('answers 413 over the limit and 400 for what is not a JSON object or array', async () => {
    const big = `{"a":"${'x'.repeat(80)}"}`;
    expect((await run(json(big), [big])).error).toMatchObject({ status: 413, type: 'entity.too.large' });
    for (const bad of ['{"a":', '"text"', '5', '  ', 'nul']) {
      expect((await run(json(bad), [bad])).error).toMatchObject({ status: 400, type: 'entity.parse.failed' });
    }
  });

  it("goes on in the request's context, though the body's events come from the socket's", async () => {
    const req = Object.assign(new PassThrough(), { headers: json('{}'), body: undefined });
    const seen = new Promise((resolve) =>
      RequestContext.run({ correlationId: 'c-1' }, () =>
        leanJsonBody(64)(req as never, {} as never, () => resolve(RequestContext.current()?.correlationId)),
      ),
    );
    req.end('{}');
    expect(await seen).toBe('c-1');
  });

  it('leaves other bodies to body-parser', () => {
    for (const headers of [
      { 'content-type': 'text/plain', 'content-length': '2' },
      { 'content-type': 'application/json; charset=latin1', 'content-length': '2' },
      { 'content-type': 'application/json', 'content-length': '2', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    ]) {
      const req = Object.assign(new PassThrough(), { headers });
      const next = jest.fn();
      leanJsonBody(64)(req as never, {} as never, next);
      expect(next).toHaveBeenCalledWith();
    }
  });
});
