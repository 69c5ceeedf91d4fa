import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import { DisplayNameField } from '../../users/dto/display-name.field';
import { TagsField } from '../../users/dto/tags.field';

/** `POST /auth/register` body (API.md "Auth and users"). */
export class RegisterRequestDto {
  @ApiProperty({ pattern: '^[a-z0-9_]{3,32}$', example: 'ada_l' })
  @IsString()
  @Matches(/^[a-z0-9_]{3,32}$/, { message: 'username must be 3–32 characters of a-z, 0-9 and _' })
  username!: string;

  @ApiProperty({ format: 'email', maxLength: 254, description: 'Stored lower-cased; unique.' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({ minLength: 8, maxLength: 128, format: 'password' })
  @IsString()
  @Length(8, 128)
  password!: string;

  /** Defaults to the username. */
  @DisplayNameField()
  displayName?: string;

  @TagsField()
  tags?: string[];
}
