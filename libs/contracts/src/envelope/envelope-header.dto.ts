import {
  IsDefined,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
} from 'class-validator';

/** Runtime schema of the envelope fields around the payload (see `Envelope`). */
export class EnvelopeHeaderDto {
  @IsUUID()
  id!: string;

  @IsString()
  @Length(1, 100)
  type!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsString()
  @Length(1, 128)
  correlationId!: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  causationId!: string | null;

  @IsISO8601({ strict: true })
  occurredAt!: string;

  @IsDefined()
  @IsObject()
  payload!: object;
}
