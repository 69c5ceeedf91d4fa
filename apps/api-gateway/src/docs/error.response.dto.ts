import { ApiProperty } from '@nestjs/swagger';

/** Every error body (API.md "Conventions"); a 400's `message` is an array naming each invalid field. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['username: username must be 3–32 characters of a-z, 0-9 and _'],
  })
  message!: string | string[];
}
