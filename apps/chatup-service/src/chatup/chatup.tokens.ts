import { Inject } from '@nestjs/common';

export const CHATUP_CONFIG = Symbol('CHATUP_CONFIG');

/** Injects the worker's `ChatupConfig`. */
export const InjectChatupConfig = (): ParameterDecorator => Inject(CHATUP_CONFIG);
