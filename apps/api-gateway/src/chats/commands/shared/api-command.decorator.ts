import { applyDecorators, HttpCode, HttpStatus, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiServiceUnavailableResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { JwtAuthGuard } from '../../../auth/guards/jwt-auth.guard';
import { ErrorResponseDto } from '../../../docs/error.response.dto';
import { CommandAcceptedResponseDto } from '../../dto/command-accepted.response.dto';

/**
 * What every command route shares: a signed-in caller, `202 { commandId }` once Kafka has
 * the command, `400` naming bad fields, `503` when the command could not be accepted.
 */
export function ApiCommand(outcome: string): MethodDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard),
    HttpCode(HttpStatus.ACCEPTED),
    ApiBearerAuth(),
    ApiAcceptedResponse({
      type: CommandAcceptedResponseDto,
      description: `Accepted. Outcome over the WebSocket: ${outcome}`,
    }),
    ApiBadRequestResponse({ type: ErrorResponseDto }),
    ApiUnauthorizedResponse({ type: ErrorResponseDto }),
    ApiServiceUnavailableResponse({
      type: ErrorResponseDto,
      description: 'Not accepted (Kafka unavailable); retry.',
    }),
  );
}
