import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { CommandRunner } from '@chat/commands';
import { Envelope, TOPICS } from '@chat/contracts';
import { batchPattern } from '@chat/kafka';

/**
 * Takes `chatup.commands` (keyed by the actor) in runs from each partition and runs each
 * command, in order, in a transaction of its own with its `@HandlesCommand` handler: the
 * pool's rules read across partitions, so they stay SERIALIZABLE and short.
 */
@Controller()
export class ChatupCommandsMessageController {
  constructor(private readonly runner: CommandRunner) {}

  @EventPattern(batchPattern(TOPICS.chatupCommands))
  onCommands(@Payload() commands: Envelope<{ actorId: string }>[]): Promise<void> {
    return this.runner.runAll(commands);
  }
}
