import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DbHealthIndicator } from '@chat/db';
import { KafkaHealthIndicator } from '@chat/kafka';
import { ConsumerReadiness } from './consumer-readiness';

const TERMINUS_BODY = '{ status, info, error, details } (Terminus); `error` names each failing dependency';

/**
 * `GET /health`: 200 when Kafka and the database answer, 503 naming the one that does not.
 * `/health/live` and `/health/ready` are the Kubernetes-style probes beside it.
 */
@ApiTags('health')
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly kafka: KafkaHealthIndicator,
    private readonly db: DbHealthIndicator,
    private readonly consumer: ConsumerReadiness,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Dependencies of this instance: Kafka and the database',
    operationId: 'health',
    security: [],
  })
  @ApiOkResponse({ description: TERMINUS_BODY })
  @ApiServiceUnavailableResponse({ description: TERMINUS_BODY })
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.kafka.isHealthy('kafka'), () => this.db.isHealthy('database')]);
  }

  /**
   * Liveness: the process serves HTTP. It checks no dependency on purpose: a database
   * outage must not make an orchestrator restart every instance (readiness covers it).
   */
  @Get('live')
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness probe: the process is up (no dependency is checked)',
    operationId: 'liveness',
    security: [],
  })
  @ApiOkResponse({ description: TERMINUS_BODY })
  live(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  /** Readiness: Kafka and the database answer and this instance's consumer is in its group. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness probe: Kafka, the database, and the consumer joined its group',
    operationId: 'readiness',
    security: [],
  })
  @ApiOkResponse({ description: TERMINUS_BODY })
  @ApiServiceUnavailableResponse({ description: TERMINUS_BODY })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.kafka.isHealthy('kafka'),
      () => this.db.isHealthy('database'),
      () => this.consumer.isReady('consumer'),
    ]);
  }
}
