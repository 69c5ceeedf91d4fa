import { fieldChecker, FieldSpec } from '@chat/contracts';

export type { FieldRule, FieldSpec } from '@chat/contracts';
export { Rules } from '@chat/contracts';

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
  const check = fieldChecker(fields);
  compiled.set(dto, (input) => {
    const value = input === undefined || input === null ? {} : input;
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    const problems = check(value as Record<string, unknown>);
    return problems ? { ok: false, problems } : { ok: true, value };
  });
}

/** The compiled validator of `metatype`, when one was made. */
export function compiledValidatorOf(metatype: unknown): CompiledValidator | undefined {
  return compiled.get(metatype);
}
