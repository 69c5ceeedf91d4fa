/**
 * Makes sure a Chromium the browser tests can drive is installed: Debian's `chromium`
 * at /usr/bin/chromium (apt-get, as root), with apt's progress shown. Prints the path and
 * exits 0 when one is there; exits 1 with the reason when none can be installed.
 * Usable on its own (`node infra/scripts/ensure-chromium.mjs`) or imported.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// apt's output goes to our stderr, stdout included: a caller reads the path from our
// stdout (the browser test does), and apt's progress there made it "the path".
const run = (command, args) =>
  spawnSync(command, args, {
    stdio: ['ignore', 2, 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });

/** The Chromium path, installing it first when missing; `{ error }` when that is impossible. */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return { path: CHROMIUM_PATH };
  if (process.platform !== 'linux' || typeof process.getuid !== 'function' || process.getuid() !== 0)
    return { error: `${CHROMIUM_PATH} is missing and only root on Debian/Ubuntu can install it here` };
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0)
    return { error: `${CHROMIUM_PATH} is missing and there is no apt-get to install it` };
  process.stderr.write(`Installing Debian's chromium (apt-get install chromium) for the browser tests...\n`);
  const update = run('apt-get', ['update']);
  if (update.status !== 0) return { error: `apt-get update failed (exit ${update.status})` };
  const install = run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  if (install.status !== 0 || !existsSync(CHROMIUM_PATH))
    return { error: `apt-get install chromium failed (exit ${install.status})` };
  return { path: CHROMIUM_PATH };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = ensureChromium();
  if (result.error) {
    process.stderr.write(`${result.error}\n`);
    process.exit(1);
  }
  process.stdout.write(`${result.path}\n`);
}
