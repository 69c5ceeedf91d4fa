import { ClassConstructor } from 'class-transformer';

/**
 * Declares one message type of the contract: its name, payload version and the
 * class-validator class its payload must satisfy. Producers and consumers share it.
 */
export interface MessageType<P extends object> {
  readonly type: string;
  readonly version: number;
  readonly payload: ClassConstructor<P>;
  /**
   * For the hot types only: a check of a payload object that answers as class-validator
   * would (accepts and refuses the same payloads; parse-envelope.spec compares them),
   * without class-transformer and class-validator's per-object metadata walk. Returns the
   * problems, or undefined when the payload is valid.
   */
  readonly check?: (payload: Record<string, unknown>) => string[] | undefined;
}

export function defineMessage<P extends object>(
  type: string,
  version: number,
  payload: ClassConstructor<P>,
  check?: MessageType<P>['check'],
): MessageType<P> {
  return { type, version, payload, check };
}
