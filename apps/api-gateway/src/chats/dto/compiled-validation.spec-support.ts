import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { ApiValidationPipe, classValidatorPipe, compiledValidatorOf } from '@chat/http';

// What the specs of the compiled DTOs (the hot routes') share: inputs, and the comparison
// of the compiled validator with class-validator. Test code only: not built into dist/.

export const uuid = '3f0c2a4e-8d1b-4c7a-9e2f-5b6d7c8e9f01';
export const otherUuid = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const notUuids = [undefined, null, 123, '', 'abc', `${uuid}x`, uuid.toUpperCase(), ['x'], {}];
export const contents = [
  undefined,
  null,
  '',
  'x',
  'x'.repeat(4000),
  'x'.repeat(4001),
  42,
  ['a'],
  {},
  '😀'.repeat(4000),
  '😀'.repeat(4001),
  '\ufe0f'.repeat(3),
];

/** Bodies that differ from `valid` in one field, in two, or by unknown keys before and after. */
export function variants(valid: Record<string, unknown>, values: Record<string, unknown[]>): unknown[] {
  const bodies: unknown[] = [undefined, null, {}, valid, { extra: 1, ...valid }, { ...valid, a: 1, b: 2 }];
  const names = Object.keys(values);
  for (const name of names) {
    for (const v of values[name]) {
      bodies.push({ ...valid, [name]: v });
      for (const second of names.filter((n) => n !== name)) {
        bodies.push({ zz: true, ...valid, [name]: v, [second]: values[second][2] });
      }
    }
  }
  return bodies;
}

/** Expects `dto` to have a compiled validator that answers each input exactly as class-validator does. */
export async function expectCompiledAsClassValidator(
  dto: abstract new () => object,
  type: ArgumentMetadata['type'],
  inputs: unknown[],
): Promise<void> {
  expect(compiledValidatorOf(dto)).toBeDefined();
  const reference = classValidatorPipe();
  const pipe = new ApiValidationPipe();
  const metadata: ArgumentMetadata = { type, metatype: dto as never, data: undefined };
  for (const input of inputs) {
    const copy = () => (input === undefined ? undefined : (JSON.parse(JSON.stringify(input)) as unknown));
    const expected = await outcome(() => reference.transform(copy(), metadata));
    const actual = await outcome(() => pipe.transform(copy(), metadata));
    expect({ input, answer: actual }).toEqual({ input, answer: expected });
  }
}

/** What a pipe answered: the value it passed on, or the 400's messages. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { value: JSON.parse(JSON.stringify(await run()) ?? 'null') as unknown };
  } catch (err) {
    if (err instanceof BadRequestException)
      return { problems: (err.getResponse() as { message: unknown }).message };
    throw err;
  }
}
