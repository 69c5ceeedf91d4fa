import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHAT_LIMITS } from '@chat/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** `GET /sync` query. */
export class SyncQueryDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: CHAT_LIMITS.seqMax,
    default: 0,
    description: 'The last seq the client processed.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(CHAT_LIMITS.seqMax)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    maxLength: 64,
    description: 'This device: `after` then counts as its delivery receipt (events up to it were received).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  deviceId?: string;
}
