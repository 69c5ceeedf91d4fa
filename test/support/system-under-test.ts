import { INestApplication } from '@nestjs/common';
import { startApiGateway } from '../../apps/api-gateway/src/bootstrap';
import { startChatService } from '../../apps/chat-service/src/bootstrap';
import { startChatupService } from '../../apps/chatup-service/src/bootstrap';

/** The three services, started in this test process on free ports against the run's engines. */
export class SystemUnderTest {
  gateway!: INestApplication;
  chat!: INestApplication;
  chatup!: INestApplication;
  baseUrl!: string;

  async start(): Promise<this> {
    [this.chat, this.chatup] = await Promise.all([
      startChatService({ port: 0 }),
      startChatupService({ port: 0 }),
    ]);
    this.gateway = await startApiGateway({ port: 0 });
    this.baseUrl = (await this.gateway.getUrl()).replace('[::1]', '127.0.0.1');
    return this;
  }

  async stop(): Promise<void> {
    await Promise.allSettled(
      [this.gateway, this.chat, this.chatup].filter(Boolean).map((app) => app.close()),
    );
  }
}
