import { Inject } from '@nestjs/common';

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/** Injects the gateway's `AuthConfig`. */
export const InjectAuthConfig = (): ParameterDecorator => Inject(AUTH_CONFIG);

export const AUTH_RATE_LIMITS = Symbol('AUTH_RATE_LIMITS');
