import { ApiOperation } from '@nestjs/swagger';

/**
 * Pins a route's `operationId` in the OpenAPI document. Nest derives it from the controller
 * and method names, and generated clients name their calls after it, so routes that moved
 * into use-case controllers keep the id they were published with (`MessagesHttpController_send`).
 */
export function OperationId(operationId: string): MethodDecorator {
  // `summary: undefined` drops ApiOperation's default empty summary from the document.
  return ApiOperation({ summary: undefined, operationId });
}
