import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthHttpController } from './health.http.controller';

/** Adds `GET /health` to a service that imports `KafkaModule` and `DbModule` (their indicators are global). */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'pretty' })],
  controllers: [HealthHttpController],
})
export class HealthModule {}
