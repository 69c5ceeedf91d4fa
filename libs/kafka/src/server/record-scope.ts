import { Logger } from '@nestjs/common';
import { LogSampling } from '@chat/http/log-sampling';
import { RequestContext } from '@chat/http/request-context';

/** What the scope reads of an envelope. */
interface EnvelopeTrace {
  type: string;
  correlationId: string;
  payload?: unknown;
}

/**
 * The logging context of one consumed record. Each record is handled inside a
 * RequestContext, so every line logged while handling it carries its envelope's
 * correlation id (`trace.id`), the command's actor (`user.id`) and the consuming service;
 * when the handler finishes, one line may say so with `event.action` = the envelope type and
 * `event.duration` in ns (commands at `log`, other records at `debug`: every gateway reads
 * every push, which would repeat each one per instance). Like the HTTP access line, that
 * line is written only for a slow record or one whose trace is in the sample (LogSampling,
 * `labels.logged`); a failing handler is logged by the server.
 */
export class RecordScope {
  private static readonly logger = new Logger('kafka');
  private constructor(
    private readonly envelope: EnvelopeTrace,
    private readonly topic: string,
    private readonly started: bigint,
  ) {}

  /** Runs `fn` (the whole handling of one record) in a fresh context of `service`. */
  static run<T>(service: string, fn: () => T): T {
    return RequestContext.run({ correlationId: '', service }, fn);
  }

  /**
   * Once the envelope is parsed: its correlation id and actor become the context's.
   * `started` (hrtime) is when its handling began; a batch's records share their batch's.
   */
  static enter(envelope: EnvelopeTrace, topic: string, started = process.hrtime.bigint()): RecordScope {
    const context = RequestContext.current();
    if (context) {
      context.correlationId = envelope.correlationId;
      const actorId = (envelope.payload as { actorId?: unknown } | undefined)?.actorId;
      if (typeof actorId === 'string') context.userId = actorId;
    }
    return new RecordScope(envelope, topic, started);
  }

  /** Logs that the handler finished, when the record is slow or its trace is sampled. */
  handled(): void {
    const elapsed = process.hrtime.bigint() - this.started;
    const sampling = LogSampling.of(RequestContext.current()?.service);
    const reason = LogSampling.reason(sampling, this.envelope.correlationId, Number(elapsed) / 1e6);
    if (!reason) return;
    const command = this.topic.endsWith('.commands');
    RecordScope.logger[command ? 'log' : 'debug']({
      message: `handled ${this.envelope.type} from ${this.topic} in ${(Number(elapsed) / 1e6).toFixed(1)} ms`,
      'event.action': this.envelope.type,
      'event.dataset': command ? 'chat.command' : 'chat.record',
      'event.duration': Number(elapsed),
      'event.outcome': 'success',
      'labels.logged': reason,
    });
  }
}
