import { Module } from '@nestjs/common';
import { UserEventsPublisher } from './events/user-events.publisher';

/** Users: profile, status and the user events the workers project. */
@Module({
  providers: [UserEventsPublisher],
  exports: [UserEventsPublisher],
})
export class UsersModule {}
