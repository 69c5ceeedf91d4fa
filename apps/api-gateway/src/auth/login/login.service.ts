import { Injectable, UnauthorizedException } from '@nestjs/common';
import { Database } from '@chat/db';
import { UsersRepository } from '../../users/database/users.repository';
import { toMeView } from '../../users/domain/user.views';
import { PasswordHasher } from '../passwords/password-hasher';
import type { SessionResponseDto } from '../sessions/session.response.dto';
import { SessionsService } from '../sessions/sessions.service';
import type { LoginRequestDto } from './login.request.dto';

/** Checks the password and opens a new session (refresh token family). */
@Injectable()
export class LoginService {
  constructor(
    private readonly db: Database,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
  ) {}

  async login(dto: LoginRequestDto): Promise<SessionResponseDto> {
    const found = await this.users.findCredentials(dto.username);
    // One answer for an unknown user and a wrong password, so usernames cannot be probed.
    if (!(await this.passwords.verify(found?.passwordHash, dto.password)) || !found) {
      throw new UnauthorizedException('invalid username or password');
    }
    const { user } = found;
    const refreshToken = await this.db.withTransaction((tx) => this.sessions.open(tx, user.id), {
      name: 'auth.login',
    });
    const accessToken = await this.sessions.accessToken({ userId: user.id, username: user.username });
    return { user: toMeView(user), accessToken, refreshToken };
  }
}
