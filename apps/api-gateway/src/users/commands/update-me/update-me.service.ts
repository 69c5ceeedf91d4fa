import { Injectable, NotFoundException } from '@nestjs/common';
import { Database } from '@chat/db';
import { UsersRepository } from '../../database/users.repository';
import type { User } from '../../domain/user';
import type { UpdateMeRequestDto } from './update-me.request.dto';
import { UserEventsPublisher } from '../../events/user-events.publisher';

/** Changes the caller's display name and tags and publishes `user.updated` in the same transaction. */
@Injectable()
export class UpdateMeService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly events: UserEventsPublisher,
  ) {}

  async update(userId: string, dto: UpdateMeRequestDto): Promise<User> {
    const user = await this.db.withTransaction(
      async (tx) => {
        const before = await this.users.findById(userId, tx);
        if (!before) return undefined;
        if (!changes(before, dto)) return before;
        const after = await this.users.updateProfile(tx, userId, dto);
        if (after) {
          await this.events.updated(tx, {
            userId: after.id,
            username: after.username,
            displayName: after.displayName,
            tags: after.tags,
          });
        }
        return after;
      },
      { name: 'users.update-me' },
    );
    if (!user) throw new NotFoundException('user not found');
    return user;
  }
}

/** Whether the patch changes anything: an unchanged save publishes nothing. */
function changes(user: User, dto: UpdateMeRequestDto): boolean {
  const name = dto.displayName !== undefined && dto.displayName !== user.displayName;
  const tags = dto.tags !== undefined && dto.tags.join('\u0000') !== user.tags.join('\u0000');
  return name || tags;
}
