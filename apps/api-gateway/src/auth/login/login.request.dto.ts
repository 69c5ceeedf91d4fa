import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** `POST /auth/login` body. Lengths are loose on purpose: a wrong value is a 401, not a hint. */
export class LoginRequestDto {
  @ApiProperty({ example: 'ada_l' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, 1024)
  password!: string;
}
