/**
 * Latency: p50/p95/p99 end-to-end delivery at a fixed 1,000 messages/s, for each system.
 *
 * For ours, a second gateway holding no sockets runs alongside: every gateway reads every
 * push (broadcast), so its CPU time over the step is what broadcast costs an instance that
 * serves none of the recipients.
 */
import { PORTS, startService } from '../lib/ours.mjs';
import { agentStep, rawStep } from '../lib/rate-run.mjs';

export async function latency(ctx, { rate = 1000, seconds = 10 } = {}) {
  const result = {};
  for (const system of ctx.systems) {
    const idle =
      system === 'ours'
        ? await startService(ctx, 'api-gateway', { port: PORTS.secondGateway, instance: 'idle-gateway' })
        : undefined;
    const cpuBefore = idle?.cpuSeconds();
    const step =
      system === 'raw'
        ? await rawStep(ctx, rate, seconds)
        : await agentStep(ctx, system, ctx.targets[system], rate, seconds);
    if (idle) {
      const cpu = idle.cpuSeconds() - cpuBefore;
      step.broadcast = {
        idleGatewayCpuSeconds: Math.round(cpu * 100) / 100,
        // Each message is two push records: message.created and the sender's command.succeeded.
        cpuMsPerThousandMessages: Math.round((cpu * 1e6) / Math.max(step.accepted, 1)),
      };
      await idle.stop();
    }
    ctx.progress(
      `latency ${system} at ${rate}/s: p50 ${step.latencyMs.p50} p95 ${step.latencyMs.p95} p99 ${step.latencyMs.p99} ms ` +
        `(${step.received}/${step.sent} delivered)` +
        (step.broadcast
          ? `; a gateway holding none of the sockets spent ${step.broadcast.idleGatewayCpuSeconds} s CPU`
          : ''),
    );
    result[system] = step;
  }
  return result;
}
