import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Helmet's default security headers, worked out once at start-up and then set by one
 * middleware: helmet's own chain runs a dozen middlewares per request to set headers that
 * are the same for every request. The set is taken from helmet itself (run once against a
 * recording response), so it stays whatever helmet's defaults are.
 */
export function securityHeadersMiddleware(): (req: Request, res: Response, next: NextFunction) => void {
  const headers = helmetDefaults();
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** The headers helmet's defaults set, in order. */
export function helmetDefaults(): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let done = false;
  helmet()({} as Request, recorder as unknown as Response, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error('helmet failed at start-up');
    done = true;
  });
  // Helmet's defaults are synchronous and need nothing of the request; say so loudly if not.
  if (!done) throw new Error('helmet did not finish synchronously; security headers unknown');
  return [...headers];
}
