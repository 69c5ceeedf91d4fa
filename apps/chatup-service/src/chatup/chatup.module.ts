import { DynamicModule, Module } from '@nestjs/common';
import { chatupConfigFromEnv } from './chatup.config';
import { CHATUP_CONFIG } from './chatup.tokens';
import { CancelChatupHandler } from './commands/cancel-chatup/cancel-chatup.handler';
import { ChatupCommandProcessor } from './commands/chatup-command.processor';
import { ChatupCommandsMessageController } from './commands/chatup-commands.message.controller';
import { RequestChatupHandler } from './commands/request-chatup/request-chatup.handler';
import { ChatupBlocksRepository } from './database/chatup-blocks.repository';
import { ChatupPruner } from './database/chatup.pruner';
import { ChatupUsersRepository } from './database/chatup-users.repository';
import { ProcessedCommandsRepository } from './database/processed-commands.repository';
import { RecentMatchesRepository } from './database/recent-matches.repository';
import { WaitingPoolRepository } from './database/waiting-pool.repository';
import { UserEventsMessageController } from './projections/user-events.message.controller';
import { WaitingPoolSweeper } from './sweeper/waiting-pool.sweeper';

/**
 * ChatUp matching: `chatup.commands` against the waiting pool, the projections of users
 * and blocks from `user.events`, and the sweeper that expires and disconnects waiters.
 * Needs `DbModule`, `KafkaModule`, `OutboxModule` and `EventLogModule` from the root.
 */
@Module({})
export class ChatupModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: ChatupModule,
      controllers: [ChatupCommandsMessageController, UserEventsMessageController],
      providers: [
        { provide: CHATUP_CONFIG, useValue: chatupConfigFromEnv(env) },
        ChatupCommandProcessor,
        RequestChatupHandler,
        CancelChatupHandler,
        WaitingPoolRepository,
        ChatupUsersRepository,
        ChatupBlocksRepository,
        RecentMatchesRepository,
        ProcessedCommandsRepository,
        WaitingPoolSweeper,
        ChatupPruner,
      ],
    };
  }
}
