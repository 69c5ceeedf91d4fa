export const EVENT_LOG_CONFIG = Symbol('EVENT_LOG_CONFIG');
