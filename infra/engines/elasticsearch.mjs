/**
 * Elasticsearch 8.19.21, single node, from the "integ-test-zip" distribution on Maven Central
 * (the only ES build published there): the server with a minimal module set (transport-netty4,
 * x-pack-core, x-pack-security, apm), no bundled JDK. It lacks analysis-common, painless,
 * reindex, mapper-extras and ingest modules, and answers 405 to `GET /` (so client.info() and
 * client.ping() fail); index, search, bulk, mappings and _cluster/health work.
 *
 * ES refuses to run as root; see users.mjs. It runs as an unprivileged user with its own copy
 * of the config dir (ES writes its keystore there) and data/logs under .data/elasticsearch/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, INFRA_DIR, engineDir, portFromEnv } from './paths.mjs';
import { findJavaHome, resolveOnce } from './java.mjs';
import { engineError, readPidFile, removeFile, rotateLog, run } from './process-utils.mjs';
import { chownTree, unprivilegedUser } from './users.mjs';

const VERSION = '8.19.21';
const home = path.join(CACHE_DIR, `elasticsearch-${VERSION}`);
const dir = engineDir('elasticsearch');
const confDir = path.join(dir, 'config');
const port = () => portFromEnv('ELASTICSEARCH_PORT', 9200);

// JVM options added after the distribution's jvm.options (files in jvm.options.d come last).
const JVM_OPTIONS = `# Written by infra/engines/elasticsearch.mjs on every start.
# Do not pre-touch the whole heap at start: saves ~400 MB of resident memory on an idle dev node.
-XX:-AlwaysPreTouch
# The distribution logs GC to up to 32 x 64 MB files; warnings are enough here.
-Xlog:disable
-Xlog:all=warning:stderr:utctime,level,pid,tags
`;

export default {
  name: 'elasticsearch',
  envVar: 'ELASTICSEARCH_URL',
  dir,
  // Written by ES itself (-p), holding the server JVM's pid (not the launcher's).
  pidFile: path.join(dir, 'elasticsearch.pid'),
  // Daemonized ES logs to path.logs/<cluster.name>.log; launcher errors go to launcher.log.
  logFile: path.join(dir, 'logs', 'chat-engines.log'),
  startTimeoutMs: 180_000,
  stopSignal: 'SIGTERM',
  stopTimeoutMs: 60_000,
  url: () => `http://127.0.0.1:${port()}`,
  ports: () => [port()],
  // The server JVM gets its config path on stdin, not its command line; ES_TMPDIR shows up
  // there (-Djava.io.tmpdir) and is unique to this checkout.
  markers: () => ['org.elasticsearch.bootstrap.Elasticsearch', `-Djava.io.tmpdir=${path.join(dir, 'tmp')} `],

  async start({ log }) {
    await resolveOnce({
      name: 'elasticsearch',
      what: `downloading Elasticsearch ${VERSION}`,
      args: [
        '-f',
        path.join(INFRA_DIR, 'elasticsearch', 'pom.xml'),
        'dependency:unpack',
        `-Des.cacheDir=${CACHE_DIR}`,
      ],
      marker: path.join(home, '.complete'),
      mavenLog: path.join(CACHE_DIR, `elasticsearch-${VERSION}.maven.log`),
      isComplete: () =>
        fs.existsSync(path.join(home, 'bin', 'elasticsearch')) &&
        fs.existsSync(path.join(home, 'lib', `elasticsearch-${VERSION}.jar`)),
      clean: () => fs.rmSync(home, { recursive: true, force: true }),
      log,
    });

    for (const sub of ['data', 'logs', 'tmp']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    // Our own config dir: the shipped files are root-only (0660) and ES writes its keystore here.
    // Existing files are kept (force: false) so the keystore survives restarts.
    fs.cpSync(path.join(home, 'config'), confDir, { recursive: true, force: false });
    fs.writeFileSync(path.join(confDir, 'jvm.options.d', 'chat-engines.options'), JVM_OPTIONS);
    const user = unprivilegedUser(); // null when not root
    chownTree(dir, user);
    removeFile(this.pidFile);

    const env = {
      ...process.env,
      ES_JAVA_HOME: findJavaHome(),
      ES_PATH_CONF: confDir,
      ES_TMPDIR: path.join(dir, 'tmp'),
      ES_JAVA_OPTS: '-Xms512m -Xmx512m',
    };
    delete env.JAVA_HOME; // ES warns that it ignores it
    delete env.JAVA_TOOL_OPTIONS;
    const settings = {
      'cluster.name': 'chat-engines',
      'node.name': 'chat-engines-es',
      'discovery.type': 'single-node',
      // Bound to loopback ES is in development mode: failed bootstrap checks only warn.
      'network.host': '127.0.0.1',
      'http.port': String(port()),
      'path.data': path.join(dir, 'data'),
      'path.logs': path.join(dir, 'logs'),
      // A nearly full dev disk must not turn indices read-only under the tests.
      'cluster.routing.allocation.disk.threshold_enabled': 'false',
      // x-pack-security IS in this distribution and would demand TLS/auth: off for a local node.
      'xpack.security.enabled': 'false',
      // (ingest.geoip.downloader.enabled is rejected: there is no ingest-geoip module.)
    };
    const args = ['-d', '-p', this.pidFile, ...Object.entries(settings).map(([k, v]) => `-E${k}=${v}`)];
    // `-d`: the launcher starts the server JVM, waits until it has booted, then exits, leaving
    // only the server running (no idle launcher JVM). Own session so Ctrl-C here won't reach it.
    const launcherLog = path.join(dir, 'launcher.log');
    rotateLog(launcherLog);
    try {
      await run(path.join(home, 'bin', 'elasticsearch'), args, {
        cwd: dir,
        env,
        uid: user?.uid,
        gid: user?.gid,
        logFile: launcherLog,
        detached: true,
      });
    } catch (err) {
      // The launcher relays the server's fatal error and its own verdict: the clearest log here.
      throw engineError('elasticsearch', `failed to start (${err.message})`, launcherLog);
    }
    const pid = readPidFile(this.pidFile);
    if (!pid)
      throw engineError('elasticsearch', `started but wrote no pid file ${this.pidFile}`, launcherLog);
    return pid;
  },

  async healthy(url) {
    // fetch() refuses URLs with credentials (an external ELASTICSEARCH_URL may have some).
    const target = new URL('/_cluster/health?wait_for_status=yellow&timeout=1s', url);
    const headers = {};
    if (target.username) {
      headers.authorization = `Basic ${Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64')}`;
      target.username = target.password = '';
    }
    const res = await fetch(target, { headers, signal: AbortSignal.timeout(3000) });
    await res.body?.cancel();
    return res.status === 200;
  },
};
