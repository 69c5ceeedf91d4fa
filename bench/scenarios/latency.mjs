/**
 * Latency: p50/p95/p99 end-to-end delivery at fixed rates (500 messages/s by default, the
 * issue's target rate; `--latency-rates 500,1000` adds more), for one system.
 *
 * For `ours` (one gateway), a second gateway holding no sockets runs alongside: its CPU time
 * over the step above its own idle CPU, per message, is what the push path costs an instance
 * that serves none of the recipients (the target: ≤ 0.05 ms per message).
 */
import { PORTS, startService } from '../lib/ours.mjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { agentStep, rawStep } from '../lib/rate-run.mjs';

export async function latency(ctx, system, { rates = [500], seconds = 10 } = {}) {
  const result = {};
  for (const rate of rates) {
    const idle = system.name === 'ours' ? await idleGateway(ctx) : undefined;
    const instances = idle ? [...system.instances, idle.instance] : system.instances;
    const step =
      system.kind === 'raw'
        ? await rawStep(ctx, rate, seconds, instances)
        : await agentStep(ctx, system.kind, ctx.targets[system.name], rate, seconds, instances);
    if (idle) {
      // Over the step (sends and drain) minus what the process spends doing nothing in as
      // long: the CPU the messages cost a gateway that holds none of their recipients.
      const during = step.instances[idle.instance.name];
      const marginal = Math.max(0, during.cpuSeconds - idle.cpuPerSecond * during.seconds);
      const messages = Math.max(step.accepted, 1);
      step.idleGateway = {
        cpuSeconds: during.cpuSeconds,
        windowSeconds: during.seconds,
        idleCpuPercent: Math.round(idle.cpuPerSecond * 1000) / 10,
        marginalCpuSeconds: Math.round(marginal * 100) / 100,
        messages: step.accepted,
        cpuMsPerMessage: Math.round(((marginal * 1000) / messages) * 1000) / 1000,
        cpuMsPerMessageWithIdle: Math.round(((during.cpuSeconds * 1000) / messages) * 1000) / 1000,
        pushRecordsConsumed: during.handled?.pushRecords ?? null,
      };
      await idle.instance.proc.stop();
    }
    ctx.progress(
      `latency ${system.name} at ${rate}/s: p50 ${step.latencyMs.p50} p95 ${step.latencyMs.p95} p99 ${step.latencyMs.p99} ms ` +
        `(${step.received}/${step.sent} delivered)` +
        (step.idleGateway
          ? `; a gateway holding none of the sockets spent ${step.idleGateway.cpuSeconds} s CPU in ${step.idleGateway.windowSeconds} s ` +
            `(${step.idleGateway.idleCpuPercent} % when idle), ${step.idleGateway.cpuMsPerMessage} ms per message above idle`
          : ''),
    );
    result[rate] = step;
  }
  return result;
}

/** Starts a gateway no client connects to and measures its idle CPU over 10 s. */
async function idleGateway(ctx) {
  const proc = await startService(ctx, 'api-gateway', {
    port: PORTS.secondGateway,
    instance: 'idle-gateway',
  });
  await sleep(3_000);
  const before = proc.cpuSeconds();
  await sleep(10_000);
  return {
    cpuPerSecond: (proc.cpuSeconds() - before) / 10,
    instance: { name: 'idle-gateway', proc, metricsUrl: `http://127.0.0.1:${PORTS.secondGateway}/metrics` },
  };
}
