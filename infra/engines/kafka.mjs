/**
 * Kafka 3.9.1, single KRaft node (broker + controller in one JVM), run straight from the jars
 * Maven resolves: no tarball, no shell scripts, so the same code works wherever Maven Central
 * is reachable. Listens on 127.0.0.1:$KAFKA_PORT (9092), controller on the next port.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { CACHE_DIR, INFRA_DIR, REPO_ROOT, engineDir, portFromEnv } from './paths.mjs';
import { findJavaHome, resolveOnce } from './java.mjs';
import { rotateLog, run, spawnDetached } from './process-utils.mjs';

const VERSION = '3.9.1';
const cache = path.join(CACHE_DIR, `kafka-${VERSION}`);
const libs = path.join(cache, 'libs');
const dir = engineDir('kafka');
const dataDir = path.join(dir, 'data');
const serverProperties = path.join(dir, 'server.properties');
const pom = path.join(INFRA_DIR, 'kafka', 'pom.xml');

// The controller listens on the next port, so the broker's port must leave room for it.
const port = () => {
  const value = portFromEnv('KAFKA_PORT', 9092);
  if (value > 65534)
    throw new Error(`KAFKA_PORT=${value}: the controller needs KAFKA_PORT+1, which is not a valid port`);
  return value;
};

export default {
  name: 'kafka',
  envVar: 'KAFKA_BROKERS',
  dir,
  pidFile: path.join(dir, 'kafka.pid'),
  logFile: path.join(dir, 'kafka.log'),
  startTimeoutMs: 120_000,
  stopSignal: 'SIGTERM', // controlled shutdown: flushes logs and closes the metadata log
  stopTimeoutMs: 30_000,
  url: () => `127.0.0.1:${port()}`,
  ports: () => [port(), port() + 1],
  // The server.properties path tells our broker apart from any other Kafka on the machine.
  markers: () => ['kafka.Kafka', serverProperties],

  /** Resolves jars (first run), writes the config, formats storage (first run), spawns. */
  async start({ log }) {
    await resolveOnce({
      name: 'kafka',
      what: 'resolving jars',
      args: [
        '-f',
        pom,
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${libs}`,
      ],
      marker: path.join(cache, '.complete'),
      mavenLog: path.join(CACHE_DIR, `kafka-${VERSION}.maven.log`),
      isComplete: () =>
        fs.existsSync(path.join(libs, `kafka_2.13-${VERSION}.jar`)) &&
        fs.existsSync(path.join(libs, 'slf4j-reload4j-1.7.36.jar')),
      clean: () => fs.rmSync(cache, { recursive: true, force: true }),
      log,
    });
    fs.mkdirSync(dataDir, { recursive: true });
    // Rewritten on every start so a change of KAFKA_PORT or of the template takes effect.
    const template = fs.readFileSync(path.join(INFRA_DIR, 'kafka', 'server.properties.template'), 'utf8');
    fs.writeFileSync(
      serverProperties,
      template
        .replaceAll('@PORT@', String(port()))
        .replaceAll('@CONTROLLER_PORT@', String(port() + 1))
        .replaceAll('@LOG_DIRS@', dataDir),
    );

    const java = path.join(findJavaHome(), 'bin', 'java');
    const classpath = ['-cp', `${libs}/*`]; // the JVM expands the wildcard itself
    if (!fs.existsSync(path.join(dataDir, 'meta.properties'))) {
      // KRaft storage must be formatted once with a cluster id before the first start.
      const tool = [
        ...classpath,
        '-Xmx256m',
        `-Dlog4j.configuration=file:${path.join(INFRA_DIR, 'kafka', 'log4j.properties')}`,
        'kafka.tools.StorageTool',
      ];
      const clusterId = (await run(java, [...tool, 'random-uuid'])).trim().split('\n').pop();
      await run(java, [...tool, 'format', '-t', clusterId, '-c', serverProperties], {
        logFile: path.join(dir, 'format.log'),
      });
      log(`[engines] kafka: storage formatted (cluster id ${clusterId})`);
    }

    rotateLog(this.logFile);
    return spawnDetached(
      java,
      [
        '-Xmx512m',
        '-Xms256m',
        // The JVM flags bin/kafka-run-class.sh uses: short GC pauses for a latency-sensitive broker.
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-XX:InitiatingHeapOccupancyPercent=35',
        '-XX:+ExplicitGCInvokesConcurrent',
        '-XX:+ExitOnOutOfMemoryError',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${path.join(INFRA_DIR, 'kafka', 'log4j.properties')}`,
        `-Dkafka.logs.dir=${dir}`,
        ...classpath,
        'kafka.Kafka',
        serverProperties,
      ],
      { cwd: REPO_ROOT, env: process.env, logFile: this.logFile },
    );
  },

  /** Healthy = a client can connect and the cluster lists at least one live broker. */
  async healthy(brokers) {
    const admin = new Kafka({
      clientId: 'engines-health',
      brokers: brokers.split(',').map((b) => b.trim()),
      connectionTimeout: 1000,
      requestTimeout: 2000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      await admin.connect();
      const { brokers: live } = await admin.describeCluster();
      return live.length > 0;
    } finally {
      await admin.disconnect().catch(() => {});
    }
  },
};
