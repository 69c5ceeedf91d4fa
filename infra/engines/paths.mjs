/**
 * Where everything lives. All engine state is kept under `<repo>/.data/` (git-ignored) so a
 * checkout is self-contained: deleting `.data/` resets the engines, deleting `.data/cache/`
 * forces the downloads again (Maven's own ~/.m2 still caches the artifacts).
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root: this file is `<repo>/infra/engines/paths.mjs`. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const INFRA_DIR = path.join(REPO_ROOT, 'infra');
export const DATA_DIR = path.join(REPO_ROOT, '.data');
export const CACHE_DIR = path.join(DATA_DIR, 'cache');
/** Cross-process locks live apart from the engine folders, which may belong to another user. */
export const LOCK_DIR = path.join(DATA_DIR, 'locks');

/** `<repo>/.data/<engine>`: data, logs and pid file of one engine. */
export const engineDir = (name) => path.join(DATA_DIR, name);

/** Reads a port from the environment at call time (tests may set it before calling). */
export function portFromEnv(variable, fallback) {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable}=${raw} is not a valid TCP port`);
  }
  return port;
}
