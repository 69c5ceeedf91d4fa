import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { DbHealthIndicator } from '@chat/db';
import { KafkaHealthIndicator } from '@chat/kafka';

/** `GET /health`: 200 when Kafka and the database answer, 503 naming the one that does not. */
@Controller('health')
export class HealthHttpController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kafka: KafkaHealthIndicator,
    private readonly db: DbHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.kafka.isHealthy('kafka'), () => this.db.isHealthy('database')]);
  }
}
