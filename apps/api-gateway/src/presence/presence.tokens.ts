import { Inject } from '@nestjs/common';

export const PRESENCE_CONFIG = Symbol('PRESENCE_CONFIG');

/** Injects the gateway's `PresenceConfig`. */
export const InjectPresenceConfig = (): ParameterDecorator => Inject(PRESENCE_CONFIG);
