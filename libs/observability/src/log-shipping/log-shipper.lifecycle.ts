import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LogShipper } from './log-shipper';

/**
 * Starts the shipper once the service's modules are initialised (its Kafka topics exist
 * then) and flushes and closes it when the app closes.
 */
export class LogShipperLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly shipper: LogShipper | undefined) {}

  onApplicationBootstrap(): void {
    this.shipper?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.shipper?.close();
  }
}
