import { Inject } from '@nestjs/common';
import { CanaryTarget, MessageType } from '@chat/contracts';

/** What a worker tells the command library about itself. */
export interface CommandsOptions {
  /** The worker's consumer group and canary name (`chat-service`, `chatup-service`). */
  service: CanaryTarget;
  /**
   * The commands this worker takes whose dead letters it answers: a client's command is
   * answered `command.failed`, one no client sent only if its handler says how
   * (AnswersDeadLetters). Other records in the dead-letter topic had no `202` and are left
   * to the operators.
   */
  answered: readonly MessageType<object>[];
}

export const COMMANDS_OPTIONS = Symbol('COMMANDS_OPTIONS');
export const InjectCommandsOptions = () => Inject(COMMANDS_OPTIONS);
