import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CanaryPing, CanaryPingPayload, Envelope } from '@chat/contracts';
import { CommandsOptions, InjectCommandsOptions } from '../commands.options';
import { CanaryResponder } from './canary-responder';

/** Answers the gateway's pipeline canary from the worker's command path. */
@Controller()
export class AnswerCanaryMessageController {
  constructor(
    private readonly responder: CanaryResponder,
    @InjectCommandsOptions() private readonly options: CommandsOptions,
  ) {}

  @EventPattern(CanaryPing.type)
  answer(@Payload() ping: Envelope<CanaryPingPayload>): Promise<void> {
    return this.responder.answer(this.options.service, ping);
  }
}
