import { DynamicModule, Global, Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { presenceConfigFromEnv } from './presence.config';
import { PresenceRepository } from './presence.repository';
import { PresenceService } from './presence.service';
import { PRESENCE_CONFIG } from './presence.tokens';
import { PresenceTransitions } from './presence-transitions';
import { PresenceUpkeep } from './presence-upkeep';

/**
 * Presence: the connections each gateway instance holds and the status users see.
 * Global, because both the WebSocket (connect, disconnect) and the users routes
 * (`PUT /users/me/status`) use `PresenceService`, while it publishes through
 * `UsersModule`: importing it from `UsersModule` would make a cycle.
 */
@Global()
@Module({})
export class PresenceModule {
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: PresenceModule,
      imports: [UsersModule],
      providers: [
        { provide: PRESENCE_CONFIG, useValue: presenceConfigFromEnv(env) },
        PresenceRepository,
        PresenceTransitions,
        PresenceService,
        PresenceUpkeep,
      ],
      exports: [PresenceService],
    };
  }
}
