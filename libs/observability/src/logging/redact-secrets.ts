/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Keys whose values never reach a log: credentials, tokens and what users wrote (message
 * `content`, request `body`). Matched on every segment of a nested key, so
 * `session.refreshToken` and `headers.authorization` are caught as well.
 */
const SECRET_KEY =
  /^pass$|password|passwd|passphrase|secret|token|authorization|cookie|credential|api[-_]?key|^content$|^body$/i;

/** Secrets that can hide in free text: bearer credentials, JWTs, `password=...` pairs. */
const SECRET_TEXT: [RegExp, string][] = [
  [/\bBearer\s+[^\s,;"']+/gi, `Bearer ${REDACTED}`],
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]{4,}/g, REDACTED],
  [
    /\b(pass(?:word|wd)?|secret|token|accessToken|refreshToken)(["']?\s*[=:]\s*["']?)[^\s,;"'&}]+/gi,
    `$1$2${REDACTED}`,
  ],
];

/** Longest string value kept; a log line is not the place for a payload. */
const MAX_STRING = 8_192;
const MAX_DEPTH = 6;

/** True for a key whose value must not be logged. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Masks secrets that appear inside free text (messages, error messages, stacks). */
export function redactText(text: string): string {
  const masked = SECRET_TEXT.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
  return masked.length > MAX_STRING ? `${masked.slice(0, MAX_STRING)}…` : masked;
}

/**
 * Flattens `fields` to dotted ECS keys (`{ user: { id } }` → `user.id`), replacing the value
 * of every secret key with `[REDACTED]` and masking secrets in strings. Arrays are kept as
 * values (their objects redacted too); cycles and very deep objects are cut.
 */
export function flattenRedacted(
  fields: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {},
  depth = 0,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(fields)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isSecretKey(key)) out[path] = REDACTED;
    else if (isPlainObject(value) && depth < MAX_DEPTH) flattenRedacted(value, path, out, depth + 1);
    else out[path] = redactValue(value, depth);
  }
  return out;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return depth < MAX_DEPTH ? value.map((v) => redactValue(v, depth + 1)) : '[…]';
  if (value instanceof Error) return redactText(value.message);
  if (isPlainObject(value)) return depth < MAX_DEPTH ? redactObject(value, depth + 1) : '[…]';
  return value;
}

function redactObject(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isSecretKey(k) ? REDACTED : redactValue(v, depth)]),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
