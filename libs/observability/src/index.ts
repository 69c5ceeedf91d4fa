export * from './logging/create-service-logger';
export * from './health/health.module';
export * from './health/health.http.controller';
export * from './canary/canary-responder';
export * from './runtime/service-start.options';
export * from './elasticsearch/create-elasticsearch-client';
export * from './runtime/start-service';
