import { ApiProperty } from '@nestjs/swagger';
import { USER_STATUSES, type UserStatus } from '@chat/contracts';
import { IsIn } from 'class-validator';

/** `PUT /users/me/status`. */
export class SetStatusRequestDto {
  @ApiProperty({ enum: USER_STATUSES })
  @IsIn(USER_STATUSES, { message: `status must be one of ${USER_STATUSES.join(', ')}` })
  status!: UserStatus;
}
