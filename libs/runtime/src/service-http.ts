import { configureHttp, LogSampling, logSamplingFromEnv } from '@chat/http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { accessLogMiddleware, HttpMetrics } from '@chat/observability';

/**
 * The HTTP every service serves: the strict JSON body parser, validation and error shape
 * (`configureHttp`), the access log (errors, slow requests and a sample, README "Logs")
 * and request timings for `/metrics`. Install before `init`, so it wraps every route.
 */
export function configureServiceHttp(
  app: NestExpressApplication,
  service: string,
  env: NodeJS.ProcessEnv,
): void {
  const sampling = logSamplingFromEnv(env);
  LogSampling.configure(service, sampling);
  configureHttp(app);
  app.use(accessLogMiddleware(service, sampling));
  app.use(app.get(HttpMetrics).middleware);
}
