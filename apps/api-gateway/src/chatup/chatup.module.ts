import { DynamicModule, Module } from '@nestjs/common';
import { ChatCommandPublisher } from '../chats/commands/shared/chat-command.publisher';
import { UsersModule } from '../users/users.module';
import { CHATUP_RATE_LIMIT, chatupRateLimitFromEnv } from './chatup.config';
import { ChatupHttpController } from './chatup.http.controller';
import { ChatupRateLimitGuard } from './chatup-rate-limit.guard';

/** ChatUp in the gateway: `POST /chatup` and `DELETE /chatup` as commands to the ChatUp workers. */
@Module({})
export class ChatupModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: ChatupModule,
      imports: [UsersModule],
      controllers: [ChatupHttpController],
      providers: [
        { provide: CHATUP_RATE_LIMIT, useValue: chatupRateLimitFromEnv(env) },
        ChatupRateLimitGuard,
        ChatCommandPublisher,
      ],
    };
  }
}
