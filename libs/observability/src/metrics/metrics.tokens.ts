import { Inject } from '@nestjs/common';

/**
 * The service's prom-client `Registry`. One per application, not prom-client's global
 * one, so several services started in one process (tests) keep their metrics apart.
 */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export const InjectMetricsRegistry = (): ParameterDecorator => Inject(METRICS_REGISTRY);
