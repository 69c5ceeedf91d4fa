export * from './outbox.config';
export * from './outbox.module';
export * from './outbox.relay';
export * from './outbox.writer';
export * from './partition-outbox';
