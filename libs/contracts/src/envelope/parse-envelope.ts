import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { Envelope } from './envelope';
import { EnvelopeHeaderDto } from './envelope-header.dto';
import { fieldChecker, Rules } from '../validation/field-rules';
import { MessageType } from './message-type';

export type ParseResult = { ok: true; envelope: Envelope<object> } | { ok: false; reason: string };

/** Largest record value a consumer accepts; bigger ones are dead-lettered unread. */
export const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Turns raw record bytes into a validated envelope of a known type, or says why not.
 * Never throws: a poison record must become a dead-letter entry, not a crashed consumer.
 */
export function parseEnvelope(
  value: Buffer | null,
  known: ReadonlyMap<string, MessageType<object>>,
): ParseResult {
  if (!value || value.length === 0) return { ok: false, reason: 'empty record value' };
  if (value.length > MAX_RECORD_BYTES)
    return { ok: false, reason: `record of ${value.length} bytes exceeds ${MAX_RECORD_BYTES}` };
  let raw: unknown;
  try {
    raw = JSON.parse(value.toString('utf8'), refuseProtoKeys);
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message}` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { ok: false, reason: 'envelope is not a JSON object' };

  const record = raw as Record<string, unknown>;
  const headerProblems = checkHeader(record);
  if (headerProblems) return { ok: false, reason: `invalid envelope: ${headerProblems.join('; ')}` };
  const header = record as unknown as EnvelopeHeaderDto;

  const messageType = known.get(header.type);
  if (!messageType) return { ok: false, reason: `unknown message type "${header.type}"` };
  if (header.version !== messageType.version) {
    return {
      ok: false,
      reason: `unsupported version ${header.version} of "${header.type}" (expected ${messageType.version})`,
    };
  }
  if (messageType.check) {
    const problems = messageType.check(header.payload as Record<string, unknown>);
    if (problems) return { ok: false, reason: `invalid payload of "${header.type}": ${problems.join('; ')}` };
    return { ok: true, envelope: { ...header, causationId: header.causationId ?? null } };
  }
  const payload = plainToInstance(messageType.payload, header.payload);
  const payloadErrors = validateSync(payload, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  if (payloadErrors.length > 0)
    return { ok: false, reason: `invalid payload of "${header.type}": ${describe(payloadErrors)}` };

  return { ok: true, envelope: { ...header, causationId: header.causationId ?? null, payload } };
}

/**
 * EnvelopeHeaderDto's rules, checked without class-transformer and class-validator (which
 * walk their metadata per record: the largest cost of parsing in a bench profile). Unknown
 * header fields are allowed, as the DTO's validation allowed them; parse-envelope.spec
 * checks both accept and refuse the same headers.
 */
const checkHeader = fieldChecker(
  {
    id: { rules: [Rules.isUuid('id must be a UUID')] },
    type: { rules: [Rules.length(1, 100), Rules.isString()] },
    version: { rules: [Rules.min(1), Rules.isInt()] },
    correlationId: { rules: [Rules.length(1, 128), Rules.isString()] },
    causationId: { optional: true, rules: [Rules.length(1, 128), Rules.isString()] },
    occurredAt: { rules: [Rules.isIso8601Strict()] },
    payload: { rules: [Rules.isObject(), Rules.isDefined()] },
  },
  { allowUnknown: true },
);

/** Keys that could reach an object's prototype when the JSON is mapped onto a class. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function refuseProtoKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new Error(`forbidden key "${key}"`);
  return value;
}

function describe(errors: ValidationError[], parent = ''): string {
  return errors
    .map((e) => {
      const path = parent ? `${parent}.${e.property}` : e.property;
      const own = Object.values(e.constraints ?? {}).join(', ');
      const nested = e.children?.length ? describe(e.children, path) : '';
      return [own ? `${path}: ${own}` : '', nested].filter(Boolean).join('; ');
    })
    .join('; ');
}
