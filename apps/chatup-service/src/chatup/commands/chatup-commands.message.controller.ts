import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  ChatupCancel,
  ChatupCancelPayload,
  ChatupRequest,
  ChatupRequestPayload,
  Envelope,
} from '@chat/contracts';
import { CancelChatupHandler } from './cancel-chatup/cancel-chatup.handler';
import { ChatupCommandProcessor } from './chatup-command.processor';
import { RequestChatupHandler } from './request-chatup/request-chatup.handler';

/** Routes `chatup.commands` (keyed by the actor) to their handlers. */
@Controller()
export class ChatupCommandsMessageController {
  constructor(
    private readonly processor: ChatupCommandProcessor,
    private readonly request: RequestChatupHandler,
    private readonly cancel: CancelChatupHandler,
  ) {}

  @EventPattern(ChatupRequest.type)
  onRequest(@Payload() command: Envelope<ChatupRequestPayload>): Promise<void> {
    return this.processor.run(command, this.request);
  }

  @EventPattern(ChatupCancel.type)
  onCancel(@Payload() command: Envelope<ChatupCancelPayload>): Promise<void> {
    return this.processor.run(command, this.cancel);
  }
}
