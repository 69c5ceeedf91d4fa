import { ApiProperty } from '@nestjs/swagger';
import { compileValidation, Rules } from '@chat/http';
import { IsUUID } from 'class-validator';

/** `:id` of the chat routes. */
export class ChatIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

// The hot routes (send, read) validate it without class-validator's metadata walk;
// chat-id.param.dto.spec.ts checks that both answer alike.
compileValidation(ChatIdParamDto, { id: { rules: [Rules.isUuid('id must be a UUID')] } });
