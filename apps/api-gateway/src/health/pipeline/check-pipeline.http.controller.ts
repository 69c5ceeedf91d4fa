import { Controller, Get, Headers } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { CANARY_TARGETS } from '@chat/contracts';
import { randomUUID } from 'node:crypto';
import { PipelineCanaryIndicator } from './pipeline-canary.health';

/** The longest the canary waits for a worker, per the operators' contract. */
const CANARY_TIMEOUT_MS = 5_000;

/**
 * `GET /health/pipeline`: 200 with each worker's round trip in ms, or 503 naming the
 * worker that did not answer within 5 s. Both workers are probed at once.
 */
@Controller('health/pipeline')
export class CheckPipelineHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly canary: PipelineCanaryIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(@Headers('x-correlation-id') correlationId?: string): Promise<HealthCheckResult> {
    const trace = correlationId ?? randomUUID();
    return this.health.check(
      CANARY_TARGETS.map((target) => () => this.canary.probe(target, trace, CANARY_TIMEOUT_MS)),
    );
  }
}
