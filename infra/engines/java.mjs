/**
 * The JVM engines (Kafka, Elasticsearch) come from Maven Central, the only source of binaries
 * we can reach, so Maven is our downloader. This file finds a JDK 17 and runs Maven once per
 * artifact set, writing a marker when the result is complete so later starts skip Maven.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { elapsed, run } from './process-utils.mjs';

const PREFERRED_JDK = '/usr/lib/jvm/java-17-openjdk-amd64';

/** JDK home: the Debian JDK 17 if present, else JAVA_HOME, else wherever `java` on PATH lives. */
export function findJavaHome() {
  const candidates = [PREFERRED_JDK, process.env.JAVA_HOME];
  try {
    const java = fs.realpathSync(execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim());
    candidates.push(path.dirname(path.dirname(java))); // <home>/bin/java
  } catch {
    /* no java on PATH */
  }
  const home = candidates.find((dir) => dir && fs.existsSync(path.join(dir, 'bin', 'java')));
  if (!home)
    throw new Error(
      `no JDK found (looked at ${PREFERRED_JDK}, $JAVA_HOME and java on PATH); install openjdk-17-jdk-headless`,
    );
  return home;
}

// One Maven at a time in this process: parallel Mavens writing the same ~/.m2 on a cold cache
// can step on each other's files. (It only matters on the first run.)
let mavenQueue = Promise.resolve();

/**
 * Runs `mvn -B <args>` (after `clean()`) unless `marker` exists; on success checks `isComplete()` and writes the
 * marker. Shows progress: one line per downloaded file, then the elapsed time. The full Maven
 * output goes to `mavenLog` (its tail is quoted on failure).
 */
export function resolveOnce({ name, what, args, marker, mavenLog, isComplete, clean, log }) {
  if (fs.existsSync(marker) && isComplete()) return Promise.resolve(false);
  const job = mavenQueue.then(async () => {
    if (fs.existsSync(marker) && isComplete()) return false; // done by a queued twin
    const began = Date.now();
    log(`[engines] ${name}: ${what} with Maven (first run only)…`);
    fs.mkdirSync(path.dirname(mavenLog), { recursive: true });
    fs.writeFileSync(mavenLog, '');
    clean(); // drop what an interrupted earlier run may have left half-written
    const onLine = (line) => {
      // "Downloaded from central: https://…/kafka_2.13-3.9.1.jar (6.1 MB at 4.2 MB/s)" → short form.
      const m = /^(?:\[INFO\] )?Downloaded from [^:]+: (\S+) \((.*)\)/.exec(line);
      if (m && !m[1].endsWith('.pom') && !m[1].endsWith('.sha1'))
        log(`[engines] ${name}:   ↓ ${path.basename(m[1])} (${m[2]})`);
      else if (line.startsWith('[ERROR]')) log(`[engines] ${name}:   ${line}`);
    };
    try {
      await run('mvn', ['-B', '-Dstyle.color=never', ...args], { logFile: mavenLog, onLine });
    } catch (err) {
      const hint = err.message.includes('could not run')
        ? ' (is Maven installed? apt-get install maven)'
        : '';
      throw new Error(`[engines] ${name}: Maven failed${hint}: ${err.message}; full output in ${mavenLog}`);
    }
    if (!isComplete())
      throw new Error(`[engines] ${name}: Maven succeeded but the result is incomplete; see ${mavenLog}`);
    fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
    log(`[engines] ${name}: ${what} done in ${elapsed(began)}`);
    return true;
  });
  mavenQueue = job.catch(() => {});
  return job;
}
