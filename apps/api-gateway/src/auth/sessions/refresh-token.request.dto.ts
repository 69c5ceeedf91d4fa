import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** `POST /auth/refresh` and `POST /auth/logout` body. */
export class RefreshTokenRequestDto {
  @ApiProperty({ description: 'The refresh token of the last login or refresh.' })
  @IsString()
  @Length(1, 512)
  refreshToken!: string;
}
