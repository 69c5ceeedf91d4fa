import { Injectable, NotFoundException } from '@nestjs/common';
import { UsersRepository } from '../../../users/database/users.repository';

/** Refuses at once (`404`) a command naming users that do not exist: the gateway owns users. */
@Injectable()
export class KnownUsers {
  constructor(private readonly users: UsersRepository) {}

  async require(ids: readonly string[]): Promise<void> {
    const found = await this.users.existing(ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0)
      throw new NotFoundException(`unknown user(s): ${[...new Set(missing)].join(', ')}`);
  }
}
