/**
 * Global setup of the faults project: the fault suites run the services as separate
 * processes from `dist/`, so the build must match the sources; then the shared setup
 * (engines, the run's Kafka prefix and database).
 *
 * The steps of `npm run build` are run one by one: tsc emits JavaScript even when some
 * file elsewhere has a type error (someone's work in progress), and `npm run lint` is
 * where type errors fail; here they are only reported.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import sharedSetup from '../../setup/global-setup.mjs';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status;

export default async function faultsGlobalSetup() {
  if (!globalThis.__chatFaultsBuilt) {
    if (run('npx', ['tsc', '-p', 'tsconfig.build.json']) !== 0)
      process.stdout.write(
        '[faults] tsc reported type errors (see above); running the emitted dist/ anyway\n',
      );
    if (run('npx', ['tsc-alias', '-p', 'tsconfig.build.json']) !== 0) throw new Error('tsc-alias failed');
    if (run('node', ['infra/scripts/copy-assets.mjs']) !== 0) throw new Error('copy-assets failed');
    globalThis.__chatFaultsBuilt = true;
  }
  await sharedSetup();
}
