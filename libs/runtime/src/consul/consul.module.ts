import { DynamicModule, Module } from '@nestjs/common';
import {
  CONSUL_REGISTRATION_OPTIONS,
  ConsulRegistration,
  ConsulRegistrationOptions,
} from './consul-registration';

/** This instance's Consul registration (a no-op without `CONSUL_HTTP_ADDR`). */
@Module({})
export class ConsulModule {
  static forRoot(options: ConsulRegistrationOptions): DynamicModule {
    return {
      module: ConsulModule,
      providers: [{ provide: CONSUL_REGISTRATION_OPTIONS, useValue: options }, ConsulRegistration],
      exports: [ConsulRegistration],
    };
  }
}
