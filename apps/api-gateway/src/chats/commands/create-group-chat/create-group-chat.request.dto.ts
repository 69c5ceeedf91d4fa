import { ApiProperty } from '@nestjs/swagger';
import { CHAT_LIMITS } from '@chat/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, Length } from 'class-validator';

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
