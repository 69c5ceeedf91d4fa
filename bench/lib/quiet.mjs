/**
 * Waits until the machine is nearly idle (from /proc/stat), so a step does not inherit the
 * backlog of the one before it (a system that fell behind keeps working after its step).
 * Gives up after `timeoutMs` and says how busy the machine still was.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function cpuTimes() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3] + fields[4];
  return { idle, total: fields.reduce((a, b) => a + b, 0) };
}

/** Resolves with the idle share last seen (0..1). */
export async function untilQuiet({ idleShare = 0.8, timeoutMs = 30_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let share = 0;
  while (Date.now() < deadline) {
    const a = cpuTimes();
    await sleep(1_000);
    const b = cpuTimes();
    share = (b.idle - a.idle) / Math.max(b.total - a.total, 1);
    if (share >= idleShare) break;
  }
  return Math.round(share * 100) / 100;
}
