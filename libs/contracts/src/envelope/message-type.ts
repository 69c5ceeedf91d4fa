import { ClassConstructor } from 'class-transformer';

/**
 * Declares one message type of the contract: its name, payload version and the
 * class-validator class its payload must satisfy. Producers and consumers share it.
 */
export interface MessageType<P extends object> {
  readonly type: string;
  readonly version: number;
  readonly payload: ClassConstructor<P>;
}

export function defineMessage<P extends object>(
  type: string,
  version: number,
  payload: ClassConstructor<P>,
): MessageType<P> {
  return { type, version, payload };
}
