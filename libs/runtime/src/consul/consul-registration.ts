import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Consul from 'consul';
import { hostname, networkInterfaces } from 'node:os';
import type { AddressInfo } from 'node:net';
import { ConsulConfig } from './consul.config';
import { CONSUL_REQUEST_TIMEOUT_MS, createConsulClient } from './create-consul-client';

export const CONSUL_REGISTRATION_OPTIONS = Symbol('CONSUL_REGISTRATION_OPTIONS');

/** What identifies this instance in Consul. */
export interface ConsulRegistrationOptions {
  service: string;
  instanceId: string;
  /** Absent when `CONSUL_HTTP_ADDR` is not set: then nothing is registered. */
  config?: ConsulConfig;
}

/**
 * Registers this instance with the local Consul agent once HTTP listens (the address and
 * port are known only then), with two HTTP checks, and deregisters it before the
 * application shuts down, so Consul stops sending traffic before the consumer drains.
 * Readiness (`/health/ready`: Kafka and the database) decides whether traffic comes;
 * liveness (`/health/live`) alone carries `DeregisterCriticalServiceAfter`, which cleans
 * up an instance that died without deregistering.
 */
@Injectable()
export class ConsulRegistration implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(ConsulRegistration.name);
  private consul?: Consul;
  private registeredId?: string;

  constructor(@Inject(CONSUL_REGISTRATION_OPTIONS) private readonly options: ConsulRegistrationOptions) {}

  get serviceId(): string {
    return `${this.options.service}-${this.options.instanceId}`;
  }

  /** Registers the instance listening at `bound`; does nothing without Consul. */
  async register(bound: AddressInfo): Promise<void> {
    const { config, service } = this.options;
    if (!config) return;
    this.consul ??= createConsulClient(config);
    const address = config.serviceAddress ?? advertisedAddress(bound.address);
    const host = address.includes(':') ? `[${address}]` : address;
    // `timeout` bounds the request itself; the client does not copy it into the body.
    const registration = {
      name: service,
      id: this.serviceId,
      address,
      port: bound.port,
      tags: config.tags,
      checks: [
        // Only liveness deregisters: a database outage longer than DeregisterCriticalServiceAfter
        // fails readiness on every instance, and must take them out of rotation, not out of
        // the catalogue for good.
        {
          checkid: `${this.serviceId}:live`,
          name: `${service} live`,
          http: `http://${host}:${bound.port}/health/live`,
          interval: config.check.interval,
          timeout: config.check.timeout,
          deregistercriticalserviceafter: config.check.deregisterCriticalServiceAfter,
        },
        {
          checkid: `${this.serviceId}:ready`,
          name: `${service} ready`,
          http: `http://${host}:${bound.port}/health/ready`,
          interval: config.check.interval,
          timeout: config.check.timeout,
        },
      ],
      timeout: CONSUL_REQUEST_TIMEOUT_MS,
    };
    await this.consul.agent.service.register(registration);
    this.registeredId = this.serviceId;
    this.logger.log(`registered ${this.serviceId} at ${address}:${bound.port} with Consul`);
  }

  /** Never throws: a failed deregistration must not stop the shutdown (the check cleans up). */
  async beforeApplicationShutdown(): Promise<void> {
    const id = this.registeredId;
    if (!id || !this.consul) return;
    this.registeredId = undefined;
    try {
      const deregistration = { id, timeout: CONSUL_REQUEST_TIMEOUT_MS };
      await this.consul.agent.service.deregister(deregistration);
      this.logger.log(`deregistered ${id} from Consul`);
    } catch (err) {
      this.logger.warn(`could not deregister ${id} from Consul: ${(err as Error).message}`);
    }
  }

  onApplicationShutdown(): void {
    this.consul?.destroy();
  }
}

/**
 * A wildcard bind (`0.0.0.0`, `::`, as in a container) is not an address anyone can reach:
 * use the first external IPv4 address (the container's or pod's), else the host name.
 */
function advertisedAddress(bound: string): string {
  if (bound !== '0.0.0.0' && bound !== '::') return bound;
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  return external?.address ?? hostname();
}
