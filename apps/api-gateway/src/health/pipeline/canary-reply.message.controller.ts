import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CanaryReply, CanaryReplyPayload, Envelope } from '@chat/contracts';
import { CanaryReplies } from './canary-replies';

/** Hands canary replies from the results topic to the probe waiting for them. */
@Controller()
export class CanaryReplyMessageController {
  constructor(private readonly replies: CanaryReplies) {}

  @EventPattern(CanaryReply.type)
  onReply(@Payload() reply: Envelope<CanaryReplyPayload>): void {
    this.replies.settle(reply.payload);
  }
}
