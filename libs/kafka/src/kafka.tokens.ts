import { Inject } from '@nestjs/common';

export const KAFKA_CONFIG = Symbol('KAFKA_CONFIG');

/** Injects the service's `KafkaConfig`. */
export const InjectKafkaConfig = (): ParameterDecorator => Inject(KAFKA_CONFIG);
