import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** Flattens nested errors into `field: problem` lines, naming the full path (`tags.3`). */
function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((problem) => `${path}: ${problem}`);
    return [...own, ...describe(e.children ?? [], path)];
  });
}

/**
 * The API's validation: unknown fields are refused (400), every bad field is named in
 * the `message` array, and valid bodies arrive as DTO instances.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(describe(errors)),
  });
}
