import { applyDecorators, HttpCode, HttpStatus, UseGuards, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { JwtAuthGuard } from '../../../auth/guards/jwt-auth.guard';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { IDEMPOTENCY_HEADER, IdempotencyInterceptor } from '../../../idempotency/idempotency.interceptor';
import { CommandAcceptedResponseDto } from '../../dto/command-accepted.response.dto';

/**
 * What every command route shares: a signed-in caller, `202 { commandId }` once Kafka has
 * the command, `400` naming bad fields, `503` when the command could not be accepted, and an
 * optional `Idempotency-Key` that makes a retry safe (`422` for another body under it).
 */
export function ApiCommand(outcome: string): MethodDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard),
    UseInterceptors(IdempotencyInterceptor),
    HttpCode(HttpStatus.ACCEPTED),
    ApiHeader({
      name: IDEMPOTENCY_HEADER,
      required: false,
      description:
        '1–128 printable ASCII characters. The same key from the same user on the same method and path within 24 h answers the same 202 { commandId }, and the command takes effect once.',
    }),
    ApiBearerAuth(),
    ApiAcceptedResponse({
      type: CommandAcceptedResponseDto,
      description: `Accepted. Outcome over the WebSocket: ${outcome}`,
    }),
    ApiBadRequestResponse({ type: ErrorResponseDto }),
    ApiUnauthorizedResponse({ type: ErrorResponseDto }),
    ApiUnprocessableEntityResponse({
      type: ErrorResponseDto,
      description: 'The Idempotency-Key was used with another body.',
    }),
    ApiServiceUnavailableResponse({
      type: ErrorResponseDto,
      description: 'Not accepted (Kafka unavailable); retry.',
    }),
  );
}
