/**
 * Running engines that refuse root. Elasticsearch ("can not run elasticsearch as root") and
 * PostgreSQL's initdb/postgres both exit when started as uid 0, and we are root on the dev
 * machines and in CI. So, when root, they run as an unprivileged system user through spawn's
 * uid/gid (no dependency on runuser/setpriv/sudo), and their folders are chowned to it.
 */
import { execFileSync } from 'node:child_process';

/** The user created when no better one exists. System account: no home, no login shell. */
export const ENGINE_USER = 'chat-engines';

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** `{ name, uid, gid }` of a local user, or null. `getent` also sees non-file user databases. */
export function lookupUser(name) {
  try {
    const [, , uid, gid] = execFileSync('getent', ['passwd', name], { encoding: 'utf8' }).trim().split(':');
    return { name, uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/** Creates the engine user if missing (racing creators are fine: re-check after a failure). */
export function ensureEngineUser() {
  const existing = lookupUser(ENGINE_USER);
  if (existing) return existing;
  try {
    execFileSync(
      'useradd',
      ['--system', '--no-create-home', '--user-group', '--shell', '/usr/sbin/nologin', ENGINE_USER],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
  } catch (err) {
    const again = lookupUser(ENGINE_USER);
    if (again) return again;
    throw new Error(
      `could not create system user ${ENGINE_USER} (useradd: ${err.stderr?.toString().trim() || err.message})`,
    );
  }
  return lookupUser(ENGINE_USER);
}

/**
 * The user to run a root-refusing engine as: null when we are not root (run as ourselves),
 * else the first existing of `preferred` (e.g. 'postgres'), else the engine user (created).
 */
export function unprivilegedUser(preferred = []) {
  if (!isRoot()) return null;
  for (const name of preferred) {
    const user = lookupUser(name);
    if (user) return user;
  }
  return ensureEngineUser();
}

/** chown -R, for folders an unprivileged engine must write to. No-op without a user. */
export function chownTree(dir, user) {
  if (!user) return;
  execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, dir]);
}
