import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ConsumerReadiness } from './consumer-readiness';
import { HealthHttpController } from './health.http.controller';

/**
 * Adds `GET /health`, `/health/live` and `/health/ready` to a service that imports
 * `KafkaModule` and `DbModule` (their indicators are global). `startService` hands the
 * service's consumer to `ConsumerReadiness`.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty' })],
  controllers: [HealthHttpController],
  providers: [ConsumerReadiness],
  exports: [ConsumerReadiness],
})
export class HealthModule {}
