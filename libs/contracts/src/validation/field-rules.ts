import { isIn, isInt, isISO8601, isObject, isString, isUUID, length, max, min } from 'class-validator';

/** One check of a field: the predicate and the message class-validator gives when it fails. */
export interface FieldRule {
  test(value: unknown): boolean;
  message(property: string, value: unknown): string;
}

/**
 * A field's rules in the order class-validator runs them: the order its decorators are
 * applied, which is bottom-up (`@IsString() @Length(1, 9)` runs Length, then IsString).
 */
export interface FieldSpec {
  /** `@IsOptional()`: null or absent skips every rule. */
  optional?: boolean;
  rules: FieldRule[];
}

/**
 * Checks a plain object against `fields` in one pass, as class-validator would under
 * `whitelist` + `forbidNonWhitelisted` (or, with `allowUnknown`, without them): unknown keys first (in the object's key order),
 * then each field's problems in order. Returns the problems, or undefined when it passes.
 * Made once per schema; nothing is looked up per call (class-transformer and
 * class-validator walk their metadata for every object, which a profile showed costing
 * more than the rest of parsing a record). Callers keep class-validator for anything the
 * fields cannot say, and specs compare the two.
 */
export function fieldChecker(
  fields: Record<string, FieldSpec>,
  { allowUnknown = false }: { allowUnknown?: boolean } = {},
): (record: Record<string, unknown>) => string[] | undefined {
  const names = Object.keys(fields);
  const known = new Set(names);
  return (record) => {
    let problems: string[] | undefined;
    if (!allowUnknown)
      for (const key of Object.keys(record)) {
        if (!known.has(key)) (problems ??= []).push(`${key}: property ${key} should not exist`);
      }
    for (const name of names) {
      const field = fields[name];
      const item = record[name];
      if (field.optional && (item === undefined || item === null)) continue;
      for (const rule of field.rules) {
        if (!rule.test(item)) (problems ??= []).push(`${name}: ${rule.message(name, item)}`);
      }
    }
    return problems;
  };
}

/** The rules of the class-validator decorators the compiled DTOs use, with their messages. */
export const Rules = {
  /** `@IsUUID('all', { message })`. */
  isUuid: (message: string): FieldRule => ({
    test: (v) => isUUID(v, 'all'),
    message: () => message,
  }),
  /** `@IsString()`. */
  isString: (): FieldRule => ({
    test: (v) => isString(v),
    message: (p) => `${p} must be a string`,
  }),
  /** `@Length(lo, hi)` (length in code points, as class-validator counts). */
  length: (lo: number, hi: number): FieldRule => ({
    test: (v) => length(v, lo, hi),
    message: (p, v) => {
      const size = (v as { length?: unknown } | null | undefined)?.length as number;
      if (!v || size < lo) return `${p} must be longer than or equal to ${lo} characters`;
      if (size > hi) return `${p} must be shorter than or equal to ${hi} characters`;
      return `${p} must be longer than or equal to ${lo} and shorter than or equal to ${hi} characters`;
    },
  }),
  /** `@IsIn(values)`. */
  isIn: (values: readonly unknown[]): FieldRule => ({
    test: (v) => isIn(v, values),
    message: (p) => `${p} must be one of the following values: ${values.join(', ')}`,
  }),
  /** `@IsInt()`. */
  isInt: (): FieldRule => ({
    test: (v) => isInt(v),
    message: (p) => `${p} must be an integer number`,
  }),
  /** `@Min(n)`. */
  min: (n: number): FieldRule => ({
    test: (v) => min(v, n),
    message: (p) => `${p} must not be less than ${n}`,
  }),
  /** `@Max(n)`. */
  max: (n: number): FieldRule => ({
    test: (v) => max(v, n),
    message: (p) => `${p} must not be greater than ${n}`,
  }),
  /** `@IsDefined()`. */
  isDefined: (): FieldRule => ({
    test: (v) => v !== undefined && v !== null,
    message: (p) => `${p} should not be null or undefined`,
  }),
  /** `@IsObject()`. */
  isObject: (): FieldRule => ({
    test: (v) => isObject(v),
    message: (p) => `${p} must be an object`,
  }),
  /** `@IsArray() @ArrayMinSize(lo) @ArrayMaxSize(hi)`, as one rule. */
  arrayOfSize: (lo: number, hi: number): FieldRule => ({
    test: (v) => Array.isArray(v) && v.length >= lo && v.length <= hi,
    message: (p) => `${p} must be an array of ${lo} to ${hi} elements`,
  }),
  /** `@IsISO8601({ strict: true })`. */
  isIso8601Strict: (): FieldRule => ({
    test: (v) => isString(v) && isISO8601(v, { strict: true }),
    message: (p) => `${p} must be a valid ISO 8601 date string`,
  }),
};
