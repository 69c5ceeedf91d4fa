import { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { ConsulRegistration } from './consul/consul-registration';

/** Registers the listening instance with Consul (when `CONSUL_HTTP_ADDR` is set). */
export async function registerWithConsul(app: INestApplication): Promise<void> {
  const bound = (app.getHttpServer() as { address(): AddressInfo }).address();
  await app.get(ConsulRegistration).register(bound);
}
