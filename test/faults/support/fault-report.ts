import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** `ci` (the default, inside `npm test`) or `full` (`npm run test:faults`: the sizes). */
export const FAULTS_SCALE: 'ci' | 'full' = process.env.FAULTS_SCALE === 'full' ? 'full' : 'ci';

/** Picks the CI-sized or the full-sized value. */
export function scaled<T>(ci: T, full: T): T {
  return FAULTS_SCALE === 'full' ? full : ci;
}

const REPORT_FILE = join(__dirname, '..', '..', '..', '.data', 'faults-report.txt');

/**
 * Prints one scenario's figures as an aligned block (and appends it to
 * `.data/faults-report.txt`), so a reader sees what went in and what came out.
 */
export function printReport(scenario: string, figures: Record<string, number | string>): void {
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  const lines = [
    `── faults report: ${scenario} (FAULTS_SCALE=${FAULTS_SCALE}, run ${process.env.KAFKA_PREFIX ?? ''}) ──`,
    ...Object.entries(figures).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`),
  ];
  const text = `${lines.join('\n')}\n`;
  process.stdout.write(`\n${text}`);
  try {
    mkdirSync(join(REPORT_FILE, '..'), { recursive: true });
    appendFileSync(REPORT_FILE, `${new Date().toISOString()}\n${text}\n`);
  } catch {
    // the printed block is the report; the file is a convenience
  }
}
