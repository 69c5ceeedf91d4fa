import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Length } from 'class-validator';
import { normalizeTags } from '../domain/normalize-tags';

/** `tags?`: at most 20 strings of 1–32 characters, stored trimmed, lower-cased and unique. */
export function TagsField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: [String],
      maxItems: 20,
      description: 'Interest tags, 1–32 characters each; stored trimmed, lower-cased and without duplicates.',
      example: ['music', 'hiking'],
    }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) && value.every((tag) => typeof tag === 'string') ? normalizeTags(value) : value,
    ),
    IsArray(),
    ArrayMaxSize(20),
    IsString({ each: true }),
    Length(1, 32, { each: true }),
  );
}
