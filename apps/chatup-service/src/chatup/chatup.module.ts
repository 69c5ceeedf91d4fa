import { DynamicModule, Module } from '@nestjs/common';
import { commandHandlersIn } from '@chat/commands';
import { join } from 'node:path';
import { chatupConfigFromEnv } from './chatup.config';
import { CHATUP_CONFIG } from './chatup.tokens';
import { ChatupCommandsMessageController } from './commands/chatup-commands.message.controller';
import { ChatupBlocksRepository } from './database/chatup-blocks.repository';
import { ChatupPruner } from './database/chatup.pruner';
import { ChatupUsersRepository } from './database/chatup-users.repository';
import { RecentMatchesRepository } from './database/recent-matches.repository';
import { WaitingPoolRepository } from './database/waiting-pool.repository';
import { UserEventsMessageController } from './projections/user-events.message.controller';
import { WaitingPoolSweeper } from './sweeper/waiting-pool.sweeper';

/**
 * ChatUp matching: `chatup.commands` against the waiting pool, the projections of users
 * and blocks from `user.events`, and the sweeper that expires and disconnects waiters.
 * Each command is a folder under `commands/` whose `*.handler.ts` declares
 * `@HandlesCommand(Type)`. Needs `DbModule`, `KafkaModule`, `OutboxModule`,
 * and `CommandsModule` from the root.
 */
@Module({})
export class ChatupModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: ChatupModule,
      controllers: [ChatupCommandsMessageController, UserEventsMessageController],
      providers: [
        { provide: CHATUP_CONFIG, useValue: chatupConfigFromEnv(env) },
        ...commandHandlersIn(join(__dirname, 'commands')),
        WaitingPoolRepository,
        ChatupUsersRepository,
        ChatupBlocksRepository,
        RecentMatchesRepository,
        WaitingPoolSweeper,
        ChatupPruner,
      ],
    };
  }
}
