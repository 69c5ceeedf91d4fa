import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHAT_LIMITS } from '@chat/contracts';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `GET /chats/:id/messages` query. */
export class ListMessagesQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: CHAT_LIMITS.seqMax,
    description: 'Only messages with a lower seq (the previous page).',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CHAT_LIMITS.seqMax)
  beforeSeq?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
