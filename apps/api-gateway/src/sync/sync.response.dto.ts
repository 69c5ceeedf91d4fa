import { ApiProperty } from '@nestjs/swagger';

/** One stored event of the caller's log. */
export class SyncEventDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ example: 'message.created' }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) ts!: string;
}

/** `GET /sync` answer (API.md "Catching up"), extended with `reset`. */
export class SyncPageResponseDto {
  @ApiProperty({ type: [SyncEventDto] }) events!: SyncEventDto[];
  @ApiProperty({ description: 'Pass as `after` for the next page.' }) nextAfter!: number;
  @ApiProperty() hasMore!: boolean;
  @ApiProperty({
    description:
      'True when `after` is older than what the server keeps (retention) or newer than the log: no events are ' +
      'returned; reload state through the queries, then continue from `nextAfter`.',
  })
  reset!: boolean;
}
