import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { httpControllersIn, useCaseServicesIn } from '../use-case-folders';
import { UsersRepository } from './database/users.repository';
import { UserEventsPublisher } from './events/user-events.publisher';

const queries = join(__dirname, 'queries');
const commands = join(__dirname, 'commands');

/**
 * Users: the caller's own account, others' profiles, and the user events the workers
 * project. Each route is a folder under `queries/` or `commands/`, its controller and any
 * `*.service.ts` only it needs loaded from there. Queries first: the OpenAPI document then
 * lists `/users/me` (GET before PATCH) as it always has.
 */
@Module({
  controllers: httpControllersIn(queries, commands),
  providers: [UsersRepository, UserEventsPublisher, ...useCaseServicesIn(queries, commands)],
  exports: [UsersRepository, UserEventsPublisher],
})
export class UsersModule {}
