import { ApiProperty } from '@nestjs/swagger';
import { CHAT_LIMITS } from '@chat/contracts';
import { compileValidation, Rules } from '@chat/http';
import { IsString, Length } from 'class-validator';

/** `PATCH /chats/:id/messages/:messageId`. */
export class EditMessageRequestDto {
  @ApiProperty({ minLength: 1, maxLength: CHAT_LIMITS.contentMax })
  @IsString()
  @Length(1, CHAT_LIMITS.contentMax)
  content!: string;
}

// A hot route, validated without class-validator's metadata walk: the rules repeat the
// decorators bottom-up, and edit-message.request.dto.spec.ts checks both answer alike.
compileValidation(EditMessageRequestDto, {
  content: { rules: [Rules.length(1, CHAT_LIMITS.contentMax), Rules.isString()] },
});
