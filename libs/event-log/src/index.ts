export * from './event-log.config';
export * from './event-log-owner.module';
export * from './event-log-reader.module';
export * from './event-log.pruner';
export * from './event-log.reader';
export * from './event-log.writer';
