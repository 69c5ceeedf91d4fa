export { flagFromEnv } from './flag-from-env';
export { positiveIntFromEnv } from './positive-int-from-env';
