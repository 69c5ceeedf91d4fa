import { INestApplication } from '@nestjs/common';
import { CanaryReply, PushDeliver, TOPICS, topicName, USER_EVENTS, UserStatusChanged } from '@chat/contracts';
import { corsOptionsFromEnv } from '@chat/http';
import { ServiceStartOptions, startService } from '@chat/observability';
import { ApiGatewayModule } from './api-gateway.module';
import { configureRealtime } from './realtime/configure-realtime';
import { PushRecordFilter } from './realtime/events/push-record-filter';
import { configureDocs } from './docs/configure-docs';
import { configureConsole } from './console/configure-console';

export const SERVICE_NAME = 'api-gateway';

/**
 * Starts one gateway instance. Each instance reads the results and user events topics in
 * a consumer group of its own (named by its instance id) from the newest record on, so
 * every instance sees every record and keeps those meant for the requests and sockets it
 * holds.
 */
export function startApiGateway(options: ServiceStartOptions = {}): Promise<INestApplication> {
  const pushes = new PushRecordFilter(); // push records for nobody held here are skipped unparsed
  return startService(
    {
      name: SERVICE_NAME,
      defaultPort: 3000,
      module: (kafka, env) => ApiGatewayModule.forRoot(kafka, env),
      consumer: (kafka) => ({
        group: `${SERVICE_NAME}.${kafka.instanceId}`,
        topics: [TOPICS.commandResults, TOPICS.userEvents, TOPICS.pushEvents],
        messages: [CanaryReply, UserStatusChanged, PushDeliver],
        // Only presence is pushed: the gateway publishes profiles itself for the workers to
        // project, and a blocked user is not told.
        ignore: USER_EVENTS.filter((m) => m !== UserStatusChanged),
        fromBeginning: false,
        acceptRecord: pushes.acceptor(topicName(kafka.prefix, TOPICS.pushEvents)),
        // Offsets of an instance's own group feed only the lag metric: once a second, not per batch.
        commitIntervalMs: 1_000,
      }),
      configure: (app, env) => {
        // Behind a load balancer, count rate limits per client, not per proxy address.
        if (env.TRUST_PROXY) app.set('trust proxy', trustProxySetting(env.TRUST_PROXY));
        // Browsers may call cross-origin only from CORS_ORIGINS; unset, no CORS headers at all.
        const cors = corsOptionsFromEnv(env.CORS_ORIGINS);
        if (cors) app.enableCors(cors);
        configureRealtime(app, pushes);
        configureDocs(app);
        configureConsole(app);
      },
    },
    options,
  );
}

/**
 * `TRUST_PROXY`: a hop count (`1`) or Express's list of proxy addresses (`loopback,
 * 10.0.0.0/8`). Never `true`: that trusts any `X-Forwarded-For`, so any client could name
 * the address the rate limits count it under.
 */
export function trustProxySetting(raw: string): number | string {
  const value = raw.trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (value === '' || /^(true|false|yes|on)$/i.test(value) || value === '*')
    throw new Error(
      `TRUST_PROXY=${raw} is not allowed: give the number of proxies in front of the gateway or their addresses`,
    );
  return value;
}
