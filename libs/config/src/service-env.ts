import { Inject } from '@nestjs/common';

/**
 * The service instance's settings as resolved at start (the environment with Consul KV laid
 * over it), provided by the runtime's PlatformModule. Read settings from this, never from
 * `process.env`: in tests several instances with different settings share one process, and
 * in production KV overrides live only here.
 */
export const SERVICE_ENV = Symbol('SERVICE_ENV');

export const InjectServiceEnv = () => Inject(SERVICE_ENV);
