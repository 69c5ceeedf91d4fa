import type { LoggerService } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { DbConfig } from '@chat/db';

/** The engine under test; the global setup points it at a database of this run's own. */
export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the int tests need a real database');
  return url;
}

/** A name no other run uses, for schemas and databases. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** `url` pointing at another database on the same server. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export function testDbConfig(url: string, overrides: Partial<DbConfig> = {}): DbConfig {
  return {
    url,
    poolMax: 5,
    statementTimeoutMs: 10_000,
    maxTxAttempts: 8,
    applicationName: 'db-int-spec',
    searchPath: [],
    ...overrides,
  };
}

/** Keeps what the code under test logs, so tests can assert on it without printing it. */
export class RecordingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(message);
  }
  warn(message: string): void {
    this.lines.push(message);
  }
  error(message: string): void {
    this.lines.push(message);
  }
  debug(message: string): void {
    this.lines.push(message);
  }
}

/** Resolves for everyone once `parties` callers have arrived; later callers pass straight through. */
export function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived++;
    if (arrived >= parties) open();
    return opened;
  };
}
