import { Global, Module } from '@nestjs/common';
import { IdempotencyKeysPruner } from './idempotency-keys.pruner';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** `Idempotency-Key` for every command route (`@ApiCommand` installs the interceptor). */
@Global()
@Module({
  providers: [IdempotencyKeysRepository, IdempotencyKeysPruner, IdempotencyInterceptor],
  exports: [IdempotencyKeysRepository, IdempotencyInterceptor],
})
export class IdempotencyModule {}
