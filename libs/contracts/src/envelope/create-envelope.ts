import { randomUUID } from 'node:crypto';
import { Envelope } from './envelope';

export interface EnvelopeOrigin {
  correlationId: string;
  causationId?: string | null;
  /** Pre-chosen id (a command id already returned to the client); generated when absent. */
  id?: string;
}

/** Builds an envelope for `type`, carrying the correlation of the work that caused it. */
export function createEnvelope<P>(
  type: string,
  version: number,
  payload: P,
  origin: EnvelopeOrigin,
): Envelope<P> {
  return {
    id: origin.id ?? randomUUID(),
    type,
    version,
    correlationId: origin.correlationId,
    causationId: origin.causationId ?? null,
    occurredAt: new Date().toISOString(),
    payload,
  };
}

/** Origin for a message caused by `cause`: same correlation, causation = the cause's id. */
export function causedBy(cause: Pick<Envelope, 'id' | 'correlationId'>): EnvelopeOrigin {
  return { correlationId: cause.correlationId, causationId: cause.id };
}
