import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { CANARY_TARGETS } from '@chat/contracts';
import { RequestContext } from '@chat/http';
import { randomUUID } from 'node:crypto';
import { PipelineCanaryIndicator } from './pipeline-canary.health';
import { PipelineRateLimitGuard } from './pipeline-rate-limit.guard';
import { ErrorResponseDto } from '../../docs/error.response.dto';
import { Operation } from '../../docs/operation.decorator';

/** The longest the canary waits for a worker, per the operators' contract. */
const CANARY_TIMEOUT_MS = 5_000;

/**
 * `GET /health/pipeline`: 200 with each worker's round trip in ms, or 503 naming the
 * worker that did not answer within 5 s. Both workers are probed at once. Public, so it
 * is rate-limited per address, and calls that arrive while a check is under way share it
 * (one set of canaries in flight per gateway, however many callers).
 */
@Controller('health/pipeline')
@UseGuards(PipelineRateLimitGuard)
export class CheckPipelineHttpController {
  private inFlight?: Promise<HealthCheckResult>;

  constructor(
    private readonly health: HealthCheckService,
    private readonly canary: PipelineCanaryIndicator,
  ) {}

  @Get()
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Over PIPELINE_CHECKS_PER_MINUTE for this address; see Retry-After.',
  })
  @Operation('checkPipeline', 'End-to-end check: a canary through Kafka to each worker and back', {
    public: true,
  })
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    // The request's correlation id as the middleware validated it (a client's raw header
    // may be too long for an envelope: the canary would be dead-lettered, a false 503).
    const trace = RequestContext.current()?.correlationId ?? randomUUID();
    this.inFlight ??= this.health
      .check(CANARY_TARGETS.map((target) => () => this.canary.probe(target, trace, CANARY_TIMEOUT_MS)))
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}
