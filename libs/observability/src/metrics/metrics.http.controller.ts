import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { InjectMetricsRegistry } from './metrics.tokens';

/** `GET /metrics`: Prometheus text format, public like `/health` (API.md "Conventions"). */
@ApiTags('operations')
@Controller('metrics')
export class MetricsHttpController {
  constructor(@InjectMetricsRegistry() private readonly registry: Registry) {}

  @Get()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics of this instance (text exposition format)',
    operationId: 'metrics',
    security: [],
  })
  @ApiProduces(Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOkResponse({ description: 'chat_* metrics and the process metrics', schema: { type: 'string' } })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
