import { ApiProperty } from '@nestjs/swagger';
import { MeResponseDto } from '../../users/dto/user.response.dto';

/** `POST /auth/refresh` answer: a new access token and the rotated refresh token. */
export class TokenPairResponseDto {
  @ApiProperty({
    description: 'JWT for `Authorization: Bearer`, short-lived (JWT_ACCESS_TTL_SECONDS, 900 s).',
  })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; spent by the next refresh, which returns its successor.' })
  refreshToken!: string;
}

/** `POST /auth/register` and `POST /auth/login` answer. */
export class SessionResponseDto extends TokenPairResponseDto {
  @ApiProperty({ type: MeResponseDto })
  user!: MeResponseDto;
}
