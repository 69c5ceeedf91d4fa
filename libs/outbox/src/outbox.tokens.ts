import { Inject } from '@nestjs/common';

export const OUTBOX_CONFIG = Symbol('OUTBOX_CONFIG');

export const InjectOutboxConfig = (): ParameterDecorator => Inject(OUTBOX_CONFIG);
