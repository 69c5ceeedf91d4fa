import { Global, Module } from '@nestjs/common';
import { EventLogReader } from './event-log.reader';

/**
 * Users' event logs for a service that only reads them (the gateway: /sync and `ready`),
 * through the `event_log_v1` views (READ_CONTRACTS.eventLog on its search path).
 */
@Global()
@Module({ providers: [EventLogReader], exports: [EventLogReader] })
export class EventLogReaderModule {}
