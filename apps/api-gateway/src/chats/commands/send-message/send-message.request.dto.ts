import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAT_LIMITS, MESSAGE_KINDS, type MessageKind } from '@chat/contracts';
import { compileValidation, Rules } from '@chat/http';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

/** `POST /chats/:id/messages`. */
export class SendMessageRequestDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Chosen by the client; the same value again is the same message.',
  })
  @IsUUID('all', { message: 'clientMessageId must be a UUID' })
  clientMessageId!: string;

  @ApiProperty({ minLength: 1, maxLength: CHAT_LIMITS.contentMax })
  @IsString()
  @Length(1, CHAT_LIMITS.contentMax)
  content!: string;

  @ApiPropertyOptional({ enum: MESSAGE_KINDS, default: 'text' })
  @IsOptional()
  @IsIn(MESSAGE_KINDS)
  type?: MessageKind;
}

// A hot route: it skips class-transformer and class-validator's metadata walk. The rules
// repeat the decorators above in the order class-validator runs them (bottom-up), and
// send-message.request.dto.spec.ts checks that both give the same answers.
compileValidation(SendMessageRequestDto, {
  clientMessageId: { rules: [Rules.isUuid('clientMessageId must be a UUID')] },
  content: { rules: [Rules.length(1, CHAT_LIMITS.contentMax), Rules.isString()] },
  type: { optional: true, rules: [Rules.isIn(MESSAGE_KINDS)] },
});
