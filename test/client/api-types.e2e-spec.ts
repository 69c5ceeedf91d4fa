import { INestApplication } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { startApiGateway } from '../../apps/api-gateway/src/main';

const root = join(__dirname, '..', '..');
const clientDir = join(root, 'libs', 'client');
const CLIENT_TYPES_PATH = join(clientDir, 'src', 'generated', 'api-types.ts');

/**
 * The types openapi-typescript's Node API renders from `document`, as the generate script
 * writes them (run by Node itself: Jest cannot load openapi-typescript's ES modules).
 */
function renderClientTypes(document: object): string {
  const script = join(root, 'infra', 'scripts', 'generate-client-types.mjs');
  const run = spawnSync(process.execPath, [script, '--stdin', '--stdout'], {
    input: JSON.stringify(document),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`generate-client-types failed: ${run.stderr}`);
  return run.stdout;
}

interface Document {
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, { properties: Record<string, unknown>; required?: string[] } | undefined>;
  };
}

/**
 * Type-checks the SDK's sources (its own tsconfig) with `generated` standing in for the
 * committed generated file; returns the compiler's complaints, one line each.
 */
function compileSdkAgainst(generated: string): string[] {
  const configFile = join(clientDir, 'tsconfig.esm.json');
  const { config } = ts.readConfigFile(configFile, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, clientDir, { noEmit: true }, configFile);
  const host = ts.createCompilerHost(parsed.options);
  const substituted = (path: string) => join(path) === CLIENT_TYPES_PATH;
  const { getSourceFile, readFile } = host;
  host.readFile = (path) => (substituted(path) ? generated : readFile.call(host, path));
  host.getSourceFile = (path, language, ...rest) =>
    substituted(path)
      ? ts.createSourceFile(path, generated, language)
      : getSourceFile.call(host, path, language, ...rest);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file
      ? `${relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
      : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

/**
 * The SDK cannot drift from the server: the committed generated types are what the gateway's
 * OpenAPI document renders to now, and the SDK compiles against them. (To update after a DTO
 * change: npm run generate:client-types.)
 */
describe('Client SDK types and the served OpenAPI document (e2e)', () => {
  let gateway: INestApplication;
  let document: Document;
  let fresh: string;

  beforeAll(async () => {
    gateway = await startApiGateway({ port: 0 });
    const baseUrl = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    const res = await fetch(`${baseUrl}/docs-json`);
    expect(res.status).toBe(200);
    document = (await res.json()) as Document;
    fresh = renderClientTypes(document);
  });
  afterAll(() => gateway?.close());

  it('has the committed libs/client/src/generated/api-types.ts equal to a fresh rendering (else: npm run generate:client-types)', () => {
    expect(readFileSync(CLIENT_TYPES_PATH, 'utf8')).toBe(fresh);
  });

  it('has the committed docs/openapi.json (what npm run lint checks) equal to the served document', () => {
    const committed = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
    ) as Document;
    expect(committed).toEqual(document);
  });

  it('compiles the SDK against the fresh types', () => {
    expect(compileSdkAgainst(fresh)).toEqual([]);
  });

  it('would not compile against a document that lost a route or a field the SDK uses', () => {
    const withoutRead = structuredClone(document);
    delete withoutRead.paths['/chats/{id}/read'];
    const lostRoute = compileSdkAgainst(renderClientTypes(withoutRead));
    expect(lostRoute.join('\n')).toMatch(
      /libs\/client\/src\/(chats\/chat-state|commands\/command-results)\.ts/,
    );

    const withoutSeq = structuredClone(document);
    const message = withoutSeq.components.schemas.MessageResponseDto!;
    delete message.properties.seq;
    message.required = message.required?.filter((name) => name !== 'seq');
    const lostField = compileSdkAgainst(renderClientTypes(withoutSeq));
    expect(lostField.join('\n')).toMatch(/libs\/client\/src\/chats\/(chat-state|message-list)\.ts.*'seq'/);
  });
});
