import {
  ArgumentMetadata,
  BadRequestException,
  PipeTransform,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { compiledValidatorOf } from './compiled-validation';

/** Flattens nested errors into `field: problem` lines, naming the full path (`tags.3`). */
function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((problem) => `${path}: ${problem}`);
    return [...own, ...describe(e.children ?? [], path)];
  });
}

/** class-validator under the API's options: unknown fields refused, every problem named. */
export function classValidatorPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(describe(errors)),
  });
}

/**
 * The API's validation: unknown fields are refused (400), every bad field is named in
 * the `message` array, and valid bodies arrive as DTO instances. A DTO with a compiled
 * validator (compileValidation: the hot command routes) is checked by it instead, with
 * the same answers and no class-transformer or metadata walk; the valid body then
 * arrives as the parsed object itself.
 */
export class ApiValidationPipe implements PipeTransform {
  private readonly classValidator = classValidatorPipe();

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const compiled = metadata.type === 'custom' ? undefined : compiledValidatorOf(metadata.metatype);
    const result = compiled?.(value);
    if (!result) return this.classValidator.transform(value, metadata);
    if (!result.ok) throw new BadRequestException(result.problems);
    return result.value;
  }
}

export function createValidationPipe(): ApiValidationPipe {
  return new ApiValidationPipe();
}
