import Ajv, { ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** One recorded exchange with a Consul agent (a file of `contract/`). */
interface Interaction {
  description: string;
  request: {
    method: string;
    /** Path with `{name}` parameters, matched after URL decoding, as the agent's router does. */
    path: string;
    pathParams?: Record<string, string>;
    /** The query, exactly. */
    query: Record<string, string>;
    /** JSON schema of the body; `null`: the request has no body. */
    bodySchema: object | null;
  };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

/** What the server received, in order, and which interaction answered it. */
export interface ReceivedRequest {
  interaction: string;
  method: string;
  path: string;
  body: unknown;
}

const ajv = new Ajv({ allErrors: true, strict: true });

/**
 * Plays the Consul agent for a test from recorded interactions only: a request is
 * answered when its method, path, query and body match one of the interactions the test
 * loaded, and any other request is a contract violation (answered 400 and reported by
 * `violations`, which the test asserts empty). It accepts nothing it was not told about.
 */
export class ConsulContractServer {
  readonly received: ReceivedRequest[] = [];
  readonly violations: string[] = [];
  private readonly interactions: { name: string; spec: Interaction; validate?: ValidateFunction }[];
  private server?: Server;

  constructor(names: readonly string[]) {
    this.interactions = names.map((name) => {
      const spec = JSON.parse(
        readFileSync(join(__dirname, 'contract', `${name}.json`), 'utf8'),
      ) as Interaction;
      const schema = spec.request.bodySchema;
      return { name, spec, validate: schema ? ajv.compile(schema) : undefined };
    });
  }

  /** `host:port`, as `CONSUL_HTTP_ADDR` takes it. */
  get address(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `127.0.0.1:${port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://agent');
    const path = decodeURIComponent(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    const mismatches: string[] = [];
    for (const { name, spec, validate } of this.interactions) {
      const why = mismatch(spec, validate, req.method ?? '', path, query, raw);
      if (why) {
        mismatches.push(`${name}: ${why}`);
        continue;
      }
      this.received.push({
        interaction: name,
        method: req.method ?? '',
        path,
        body: raw ? JSON.parse(raw) : undefined,
      });
      const { status, headers, body } = spec.response;
      res.writeHead(status, headers);
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
      return;
    }
    this.violations.push(
      `${req.method} ${req.url} ${raw} matches no recorded interaction (${mismatches.join('; ')})`,
    );
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('request does not match the recorded Consul contract');
  }
}

function mismatch(
  spec: Interaction,
  validate: ValidateFunction | undefined,
  method: string,
  path: string,
  query: Record<string, string>,
  raw: string,
): string | undefined {
  const { request } = spec;
  if (method !== request.method) return `method ${method}`;
  if (!pathPattern(request.path, request.pathParams ?? {}).test(path)) return `path ${path}`;
  if (JSON.stringify(sorted(query)) !== JSON.stringify(sorted(request.query)))
    return `query ${JSON.stringify(query)}`;
  if (!validate) return raw === '' ? undefined : 'a body where none is expected';
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return 'a body that is not JSON';
  }
  return validate(body) ? undefined : `body ${ajv.errorsText(validate.errors)}`;
}

function pathPattern(template: string, params: Record<string, string>): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  const source = escaped.replace(/\{(\w+)\}/g, (_, name: string) =>
    params[name] ? `(${params[name].replace(/^\^|\$$/g, '')})` : '([^/]+)',
  );
  return new RegExp(`^${source}$`);
}

const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort());

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
