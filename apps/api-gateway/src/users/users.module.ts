import { Module } from '@nestjs/common';
import { UsersRepository } from './database/users.repository';
import { UserEventsPublisher } from './events/user-events.publisher';
import { MeHttpController } from './me/me.http.controller';
import { UpdateMeService } from './me/update-me.service';
import { ProfileHttpController } from './profile/profile.http.controller';
import { SetStatusHttpController } from './status/set-status.http.controller';

/** Users: the caller's own account, others' profiles, and the user events the workers project. */
@Module({
  controllers: [MeHttpController, ProfileHttpController, SetStatusHttpController],
  providers: [UsersRepository, UserEventsPublisher, UpdateMeService],
  exports: [UsersRepository, UserEventsPublisher],
})
export class UsersModule {}
