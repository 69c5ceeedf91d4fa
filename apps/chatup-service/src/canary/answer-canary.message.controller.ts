import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CanaryPing, CanaryPingPayload, Envelope } from '@chat/contracts';
import { CanaryResponder } from '@chat/observability';

/** Answers the gateway's pipeline canary from the ChatUp command path. */
@Controller()
export class AnswerCanaryMessageController {
  constructor(private readonly responder: CanaryResponder) {}

  @EventPattern(CanaryPing.type)
  answer(@Payload() ping: Envelope<CanaryPingPayload>): Promise<void> {
    return this.responder.answer('chatup-service', ping);
  }
}
