import { ConflictException, Injectable } from '@nestjs/common';
import { Database } from '@chat/db';
import { UsersRepository } from '../../users/database/users.repository';
import { toMeView } from '../../users/domain/user.views';
import { UserEventsPublisher } from '../../users/events/user-events.publisher';
import { PasswordHasher } from '../passwords/password-hasher';
import { SessionsService } from '../sessions/sessions.service';
import type { SessionResponseDto } from '../sessions/session.response.dto';
import type { RegisterRequestDto } from './register.request.dto';

const UNIQUE_VIOLATION = '23505';

/** Creates the user, their first session and `user.registered`, all in one transaction. */
@Injectable()
export class RegisterService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly events: UserEventsPublisher,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
  ) {}

  async register(dto: RegisterRequestDto): Promise<SessionResponseDto> {
    // Hashed once, outside the transaction: a 40001 retry must not pay for it again.
    const passwordHash = await this.passwords.hash(dto.password);
    try {
      const { user, refreshToken } = await this.db.withTransaction(
        async (tx) => {
          const created = await this.users.insert(tx, {
            username: dto.username,
            email: dto.email,
            passwordHash,
            displayName: dto.displayName ?? dto.username,
            tags: dto.tags ?? [],
          });
          await this.events.registered(tx, {
            userId: created.id,
            username: created.username,
            displayName: created.displayName,
            tags: created.tags,
          });
          return { user: created, refreshToken: await this.sessions.open(tx, created.id) };
        },
        { name: 'auth.register' },
      );
      const accessToken = await this.sessions.accessToken({ userId: user.id, username: user.username });
      return { user: toMeView(user), accessToken, refreshToken };
    } catch (err) {
      throw conflictFor(err) ?? err;
    }
  }
}

/** 409 naming what is taken, from the unique index the insert hit. */
function conflictFor(err: unknown): ConflictException | undefined {
  const pg = err as { code?: string; constraint?: string; message?: string };
  if (pg.code !== UNIQUE_VIOLATION) return undefined;
  const field = `${pg.constraint ?? ''} ${pg.message ?? ''}`.includes('email') ? 'email' : 'username';
  return new ConflictException(`${field} is already taken`);
}
