import { Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Database, TxClient } from '@chat/db';
import type { AuthConfig } from '../auth.config';
import { InjectAuthConfig } from '../auth.tokens';
import { UsersRepository } from '../../users/database/users.repository';
import { RefreshTokensRepository } from '../database/refresh-tokens.repository';
import { AccessTokenService, AuthUser } from '../tokens/access-token.service';
import { hashRefreshToken, newRefreshToken } from './refresh-token';

/** The two tokens a client holds. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

type RefreshOutcome = { ok: true; user: AuthUser; refreshToken: string } | { ok: false; reason: string };

/**
 * Sessions: a refresh token family per login, rotated on every refresh. A spent token shown
 * again means it was copied (or the client replayed it), so the whole family is revoked and
 * both holders must log in again.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly db: Database,
    private readonly tokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
    private readonly access: AccessTokenService,
    @InjectAuthConfig() private readonly config: AuthConfig,
  ) {}

  /** Opens a new family inside the caller's transaction (registration, login). */
  async open(tx: TxClient, userId: string): Promise<string> {
    const familyId = await this.tokens.createFamily(tx, userId);
    return this.issueRefresh(tx, familyId, userId);
  }

  accessToken(user: AuthUser): Promise<string> {
    return this.access.sign(user);
  }

  /** Rotates `refreshToken`; 401 when it is unknown, expired, revoked or already spent. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = hashRefreshToken(refreshToken);
    // The outcome is returned, not thrown, so a revocation for reuse commits before the 401.
    const outcome = await this.db.withTransaction<RefreshOutcome>(
      async (tx) => {
        const stored = await this.tokens.find(tx, hash);
        if (!stored) return { ok: false, reason: 'unknown refresh token' };
        if (stored.familyRevokedAt) return { ok: false, reason: 'refresh token revoked' };
        if (stored.spentAt || !(await this.tokens.spend(tx, hash))) {
          await this.tokens.revokeFamily(tx, stored.familyId, 'reuse');
          this.logger.warn(
            `refresh token reused: family ${stored.familyId} of user ${stored.userId} revoked`,
          );
          return { ok: false, reason: 'refresh token reused; session revoked' };
        }
        if (stored.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'refresh token expired' };
        const user = await this.users.findById(stored.userId, tx);
        if (!user) return { ok: false, reason: 'unknown user' };
        const next = await this.issueRefresh(tx, stored.familyId, stored.userId);
        return { ok: true, user: { userId: user.id, username: user.username }, refreshToken: next };
      },
      { name: 'auth.refresh' },
    );
    if (!outcome.ok) throw new UnauthorizedException(outcome.reason);
    return { accessToken: await this.access.sign(outcome.user), refreshToken: outcome.refreshToken };
  }

  /** Revokes the token's family; an unknown token is ignored (logout is idempotent). */
  async logout(refreshToken: string): Promise<void> {
    const hash = hashRefreshToken(refreshToken);
    await this.db.withTransaction(
      async (tx) => {
        const stored = await this.tokens.find(tx, hash);
        if (stored) await this.tokens.revokeFamily(tx, stored.familyId, 'logout');
      },
      { name: 'auth.logout' },
    );
  }

  private async issueRefresh(tx: TxClient, familyId: string, userId: string): Promise<string> {
    const token = newRefreshToken();
    const expiresAt = new Date(Date.now() + this.config.refreshTtlSeconds * 1000);
    await this.tokens.insert(tx, { hash: hashRefreshToken(token), familyId, userId, expiresAt });
    return token;
  }
}
