import { isIn, isInt, isString, isUUID, length, min } from 'class-validator';

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

/** What a compiled validator answers: the value to hand the route, or each problem. */
export type Validated = { ok: true; value: object } | { ok: false; problems: string[] };

/** A compiled validator: one pass over the fields, nothing looked up per call. */
export type CompiledValidator = (input: unknown) => Validated | undefined;

const compiled = new Map<unknown, CompiledValidator>();

/**
 * Validates `dto`'s bodies (or params) with plain functions made once from `fields`
 * instead of class-transformer and class-validator's metadata walk per request. The
 * answers are class-validator's under the API's ValidationPipe options (unknown fields
 * refused first, in the body's key order, then each field's problems in order, messages
 * word for word); `compiled-validation.spec.ts` and the DTOs' specs compare the two. A
 * value that is not a plain object is left to class-validator (undefined).
 */
export function compileValidation(dto: abstract new () => object, fields: Record<string, FieldSpec>): void {
  const names = Object.keys(fields);
  const known = new Set(names);
  compiled.set(dto, (input) => {
    const value = input === undefined || input === null ? {} : input;
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    const record = value as Record<string, unknown>;
    let problems: string[] | undefined;
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
    return problems ? { ok: false, problems } : { ok: true, value };
  });
}

/** The compiled validator of `metatype`, when one was made. */
export function compiledValidatorOf(metatype: unknown): CompiledValidator | undefined {
  return compiled.get(metatype);
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
};
