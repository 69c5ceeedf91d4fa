import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHAT_LIMITS, MESSAGE_KINDS, type MessageKind } from '@chat/contracts';
import { compileValidation, Rules } from '@chat/http';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';

/** `POST /chats/private`. */
export class CreatePrivateChatRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The other user.' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}

/** `POST /chats/group`. */
export class CreateGroupChatRequestDto {
  @ApiProperty({ minLength: 1, maxLength: CHAT_LIMITS.groupNameMax })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, CHAT_LIMITS.groupNameMax)
  name!: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: CHAT_LIMITS.groupMembersMax })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHAT_LIMITS.groupMembersMax)
  @IsUUID('all', { each: true, message: 'each value in memberIds must be a UUID' })
  memberIds!: string[];
}

/** `POST /chats/:id/members`. */
export class AddMemberRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}

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

/** `PATCH /chats/:id/messages/:messageId`. */
export class EditMessageRequestDto {
  @ApiProperty({ minLength: 1, maxLength: CHAT_LIMITS.contentMax })
  @IsString()
  @Length(1, CHAT_LIMITS.contentMax)
  content!: string;
}

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

/** `:id` of the chat routes. */
export class ChatIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

/** `:id` and `:userId` of `DELETE /chats/:id/members/:userId`. */
export class ChatMemberParamDto extends ChatIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}

/** `:id` and `:messageId` of the message routes. */
export class ChatMessageParamDto extends ChatIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'messageId must be a UUID' })
  messageId!: string;
}

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

// The hot command routes skip class-transformer and class-validator's metadata walk: each
// rule list repeats the decorators above in the order class-validator runs them (bottom-up),
// and chat-commands.request.dto.spec.ts checks that both give the same answers.
compileValidation(SendMessageRequestDto, {
  clientMessageId: { rules: [Rules.isUuid('clientMessageId must be a UUID')] },
  content: { rules: [Rules.length(1, CHAT_LIMITS.contentMax), Rules.isString()] },
  type: { optional: true, rules: [Rules.isIn(MESSAGE_KINDS)] },
});
compileValidation(EditMessageRequestDto, {
  content: { rules: [Rules.length(1, CHAT_LIMITS.contentMax), Rules.isString()] },
});
compileValidation(MarkReadRequestDto, {
  seq: { rules: [Rules.max(CHAT_LIMITS.seqMax), Rules.min(0), Rules.isInt()] },
});
compileValidation(ChatIdParamDto, { id: { rules: [Rules.isUuid('id must be a UUID')] } });
// class-validator names a subclass's own fields before the inherited ones.
compileValidation(ChatMessageParamDto, {
  messageId: { rules: [Rules.isUuid('messageId must be a UUID')] },
  id: { rules: [Rules.isUuid('id must be a UUID')] },
});
