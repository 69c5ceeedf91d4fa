/** How a record consumed by the envelope server ended. */
export type EnvelopeOutcome = 'handled' | 'ignored' | 'skipped' | 'dead-lettered' | 'abandoned';

/**
 * Told about every record the envelope server finishes, so a service can measure its
 * command rate and handling time without this library depending on a metrics client.
 */
export interface EnvelopeObserver {
  /**
   * `type` is the envelope's type (`invalid` for a record that did not parse); `seconds`
   * runs from the parsed record to its outcome, retries included. `abandoned` means the
   * handler was still failing when the consumer stopped (the record is redone elsewhere);
   * `ignored` that the type is one the consumer was told to skip (`ignore`); `skipped` that
   * `acceptRecord` refused it unparsed (`type` is then its `x-message-type` header, or
   * `unparsed`).
   */
  recordFinished(type: string, outcome: EnvelopeOutcome, seconds: number): void;
}
