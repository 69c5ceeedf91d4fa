import { ApiOperation } from '@nestjs/swagger';

/**
 * Names a route in the OpenAPI document: its `operationId` (what a generated client calls
 * it, e.g. `sendMessage`) and a one-line summary. `public: true` declares it needs no token
 * (an empty security requirement), so every operation says how it is secured.
 */
export function Operation(
  operationId: string,
  summary: string,
  options: { public?: boolean } = {},
): MethodDecorator {
  return ApiOperation({ operationId, summary, ...(options.public ? { security: [] } : {}) });
}
