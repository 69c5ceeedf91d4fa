import { INestApplication } from '@nestjs/common';
import { startApiGateway } from '../../apps/api-gateway/src/main';
import { startChatService } from '../../apps/chat-service/src/main';
import { startChatupService } from '../../apps/chatup-service/src/main';

/** How many instances of each service to run. */
export interface SystemShape {
  gateways?: number;
  chatWorkers?: number;
  /** ChatUp workers (one by default); they compete in one consumer group. */
  chatupWorkers?: number;
  /** Settings every instance gets on top of the run's (e.g. `LOG_SHIPPING: 'on'`). */
  env?: NodeJS.ProcessEnv;
}

const urlOf = async (app: INestApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1');

/**
 * The services, started in this test process on free ports against the run's engines.
 * Each instance gets its own INSTANCE_ID, as separate processes would: gateways read the
 * push topics in groups of their own, workers share theirs.
 */
export class SystemUnderTest {
  gateways: INestApplication[] = [];
  gatewayUrls: string[] = [];
  chatWorkers: INestApplication[] = [];
  chatupWorkers: INestApplication[] = [];

  constructor(private readonly shape: SystemShape = {}) {}

  /** The first gateway. */
  get gateway(): INestApplication {
    return this.gateways[0];
  }

  get chat(): INestApplication {
    return this.chatWorkers[0];
  }

  /** The first ChatUp worker. */
  get chatup(): INestApplication {
    return this.chatupWorkers[0];
  }

  get baseUrl(): string {
    return this.gatewayUrls[0];
  }

  async start(): Promise<this> {
    const tag = Math.random().toString(36).slice(2, 8);
    const env = (name: string) => ({ ...process.env, ...this.shape.env, INSTANCE_ID: `${name}-${tag}` });
    const workers = Array.from({ length: this.shape.chatWorkers ?? 1 }, (_, i) =>
      startChatService({ port: 0, env: env(`chat-${i}`) }),
    );
    const chatups = Array.from({ length: this.shape.chatupWorkers ?? 1 }, (_, i) =>
      startChatupService({ port: 0, env: env(i === 0 ? 'chatup' : `chatup-${i}`) }),
    );
    [this.chatupWorkers, this.chatWorkers] = await Promise.all([Promise.all(chatups), Promise.all(workers)]);
    this.gateways = await Promise.all(
      Array.from({ length: this.shape.gateways ?? 1 }, (_, i) =>
        startApiGateway({ port: 0, env: env(`gw-${i}`) }),
      ),
    );
    this.gatewayUrls = await Promise.all(this.gateways.map(urlOf));
    return this;
  }

  async stop(): Promise<void> {
    await Promise.allSettled(
      [...this.gateways, ...this.chatWorkers, ...this.chatupWorkers].map((app) => app.close()),
    );
  }
}
