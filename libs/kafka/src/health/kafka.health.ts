import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { KafkaAdmin } from '../admin/kafka-admin';

/** Terminus indicator: Kafka is up when a broker answers a cluster metadata request. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly admin: KafkaAdmin,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy(key = 'kafka'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const { brokers } = await this.admin.ping();
      return indicator.up({ brokers });
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}
