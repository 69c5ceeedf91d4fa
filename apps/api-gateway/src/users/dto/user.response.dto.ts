import { ApiProperty } from '@nestjs/swagger';
import { USER_STATUSES } from '@chat/contracts';
import type { MeView, ProfileView } from '../domain/user.views';

/** The signed-in user (`GET /users/me`), documented for OpenAPI. */
export class MeResponseDto implements MeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: USER_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** Another user as anyone signed in sees them (`GET /users/:id/profile`). */
export class ProfileResponseDto implements ProfileView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: USER_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSeenAt!: string | null;
}

/** `PUT /users/me/status` answer. */
export class StatusResponseDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: USER_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastSeenAt!: string | null;
}
