export * from './configure-http';
export * from './correlation-id.middleware';
export * from './http-exception.filter';
export * from './json-body';
export * from './request-context';
export * from './validation.pipe';
export * from './cors';
export * from './log-sampling';
