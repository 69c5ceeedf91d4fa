import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PresenceConfig } from './presence.config';
import { InjectPresenceConfig } from './presence.tokens';
import { PresenceService } from './presence.service';

/**
 * Every `PRESENCE_HEARTBEAT_MS`: refreshes this instance's connections, then sweeps those
 * of dead instances. Starts once the application is bootstrapped (migrations done), and
 * one pass at a time: the next is scheduled when the previous ends.
 */
@Injectable()
export class PresenceUpkeep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PresenceUpkeep.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly presence: PresenceService,
    @InjectPresenceConfig() private readonly config: PresenceConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.pass().finally(() => this.schedule());
    }, this.config.heartbeatMs);
  }

  private async pass(): Promise<void> {
    try {
      await this.presence.heartbeat();
    } catch (err) {
      this.logger.warn(`presence heartbeat failed: ${(err as Error).message}`);
    }
    try {
      await this.presence.sweep();
    } catch (err) {
      this.logger.warn(`presence sweep failed: ${(err as Error).message}`);
    }
  }
}
