import { DynamicModule, Module } from '@nestjs/common';
import { join } from 'node:path';
import { ChatCommandPublisher } from '../chats/commands/shared/chat-command.publisher';
import { httpControllersIn } from '../use-case-folders';
import { UsersModule } from '../users/users.module';
import { CHATUP_RATE_LIMIT, chatupRateLimitFromEnv } from './chatup.config';

/**
 * ChatUp in the gateway: `POST /chatup` and `DELETE /chatup` as commands to the ChatUp
 * workers, each a folder under `commands/` whose controller is loaded from there. The
 * request's rate-limit guard needs no listing: Nest builds a guard named in `@UseGuards`
 * in the controller's module, from the providers here.
 */
@Module({})
export class ChatupModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: ChatupModule,
      imports: [UsersModule],
      controllers: httpControllersIn(join(__dirname, 'commands')),
      providers: [
        { provide: CHATUP_RATE_LIMIT, useValue: chatupRateLimitFromEnv(env) },
        ChatCommandPublisher,
      ],
    };
  }
}
