import { ApiProperty } from '@nestjs/swagger';
import { CHAT_LIMITS } from '@chat/contracts';
import { compileValidation, Rules } from '@chat/http';
import { IsInt, Max, Min } from 'class-validator';

/** `POST /chats/:id/read`. */
export class MarkReadRequestDto {
  @ApiProperty({
    minimum: 0,
    maximum: CHAT_LIMITS.seqMax,
    description: 'The chat seq read up to (inclusive).',
  })
  @IsInt()
  @Min(0)
  @Max(CHAT_LIMITS.seqMax)
  seq!: number;
}

// A hot route, validated without class-validator's metadata walk: the rules repeat the
// decorators bottom-up, and mark-read.request.dto.spec.ts checks both answer alike.
compileValidation(MarkReadRequestDto, {
  seq: { rules: [Rules.max(CHAT_LIMITS.seqMax), Rules.min(0), Rules.isInt()] },
});
