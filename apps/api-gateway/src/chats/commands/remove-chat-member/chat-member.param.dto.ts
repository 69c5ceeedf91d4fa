import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ChatIdParamDto } from '../../dto/chat-id.param.dto';

/** `:id` and `:userId` of `DELETE /chats/:id/members/:userId`. */
export class ChatMemberParamDto extends ChatIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}
