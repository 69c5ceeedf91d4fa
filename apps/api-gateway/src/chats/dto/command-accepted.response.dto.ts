import { ApiProperty } from '@nestjs/swagger';

/** `202` of every command: the outcome arrives over the WebSocket naming this id. */
export class CommandAcceptedResponseDto {
  @ApiProperty({ format: 'uuid' })
  commandId!: string;
}
