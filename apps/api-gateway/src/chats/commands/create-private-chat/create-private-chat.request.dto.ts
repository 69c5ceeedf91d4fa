import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `POST /chats/private`. */
export class CreatePrivateChatRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The other user.' })
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId!: string;
}
