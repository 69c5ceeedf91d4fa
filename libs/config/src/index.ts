export { flagFromEnv } from './flag-from-env';
export { positiveIntFromEnv } from './positive-int-from-env';
export { InjectServiceEnv, SERVICE_ENV } from './service-env';
