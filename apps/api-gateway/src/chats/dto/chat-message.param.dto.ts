import { ApiProperty } from '@nestjs/swagger';
import { compileValidation, Rules } from '@chat/http';
import { IsUUID } from 'class-validator';
import { ChatIdParamDto } from './chat-id.param.dto';

/** `:id` and `:messageId` of the message routes. */
export class ChatMessageParamDto extends ChatIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'messageId must be a UUID' })
  messageId!: string;
}

// Validated without class-validator's metadata walk (chat-message.param.dto.spec.ts checks
// both answer alike). class-validator names a subclass's own fields before the inherited ones.
compileValidation(ChatMessageParamDto, {
  messageId: { rules: [Rules.isUuid('messageId must be a UUID')] },
  id: { rules: [Rules.isUuid('id must be a UUID')] },
});
