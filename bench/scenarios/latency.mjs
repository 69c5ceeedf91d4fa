/**
 * Latency: p50/p95/p99 end-to-end delivery at fixed rates (500 messages/s by default, the
 * issue's target rate; `--latency-rates 500,1000` adds more), for one system.
 *
 * For `ours` (one gateway), a second gateway holding no sockets runs alongside: its CPU time
 * over the step, per message, is what the push path costs an instance that serves none of
 * the recipients (the target: ≤ 0.05 ms per message).
 */
import { PORTS, startService } from '../lib/ours.mjs';
import { agentStep, rawStep } from '../lib/rate-run.mjs';

export async function latency(ctx, system, { rates = [500], seconds = 10 } = {}) {
  const result = {};
  for (const rate of rates) {
    const idle =
      system.name === 'ours'
        ? await startService(ctx, 'api-gateway', { port: PORTS.secondGateway, instance: 'idle-gateway' })
        : undefined;
    const cpuBefore = idle?.cpuSeconds();
    const step =
      system.kind === 'raw'
        ? await rawStep(ctx, rate, seconds, system.instances)
        : await agentStep(ctx, system.kind, ctx.targets[system.name], rate, seconds, system.instances);
    if (idle) {
      const cpu = idle.cpuSeconds() - cpuBefore;
      step.idleGateway = {
        cpuSeconds: Math.round(cpu * 100) / 100,
        messages: step.accepted,
        cpuMsPerMessage: Math.round(((cpu * 1000) / Math.max(step.accepted, 1)) * 1000) / 1000,
      };
      await idle.stop();
    }
    ctx.progress(
      `latency ${system.name} at ${rate}/s: p50 ${step.latencyMs.p50} p95 ${step.latencyMs.p95} p99 ${step.latencyMs.p99} ms ` +
        `(${step.received}/${step.sent} delivered)` +
        (step.idleGateway
          ? `; a gateway holding none of the sockets spent ${step.idleGateway.cpuSeconds} s CPU, ${step.idleGateway.cpuMsPerMessage} ms per message`
          : ''),
    );
    result[rate] = step;
  }
  return result;
}
