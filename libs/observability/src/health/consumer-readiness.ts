import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { Consumer } from 'kafkajs';

/**
 * Whether this instance's Kafka consumer is in its group: up from each group join until
 * the consumer crashes, stops or disconnects (a crash that kafkajs restarts from is up
 * again at the next join). A routine rebalance does not count as down: the instance is
 * still a member and gets partitions back within the session timeout.
 */
@Injectable()
export class ConsumerReadiness {
  private state: { joined: true; groupId: string; memberId: string } | { joined: false; reason: string } = {
    joined: false,
    reason: 'consumer not started',
  };

  constructor(private readonly health: HealthIndicatorService) {}

  /** Follows `consumer`'s events; call before it connects so the first join is seen. */
  watch(consumer: Consumer): void {
    const { GROUP_JOIN, CRASH, STOP, DISCONNECT } = consumer.events;
    consumer.on(GROUP_JOIN, ({ payload }) => {
      this.state = { joined: true, groupId: payload.groupId, memberId: payload.memberId };
    });
    consumer.on(CRASH, ({ payload }) => {
      this.state = { joined: false, reason: `consumer crashed: ${payload.error.message}` };
    });
    consumer.on(STOP, () => (this.state = { joined: false, reason: 'consumer stopped' }));
    consumer.on(DISCONNECT, () => (this.state = { joined: false, reason: 'consumer disconnected' }));
  }

  isReady(key = 'consumer'): HealthIndicatorResult {
    const indicator = this.health.check(key);
    const { state } = this;
    return state.joined
      ? indicator.up({ groupId: state.groupId, memberId: state.memberId })
      : indicator.down({ message: state.reason });
  }
}
