import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';

/** A stored refresh token with its family's state. */
export interface StoredRefreshToken {
  familyId: string;
  userId: string;
  expiresAt: Date;
  spentAt: Date | null;
  familyRevokedAt: Date | null;
}

/** SQL of refresh tokens and their families; every call runs inside the caller's transaction. */
@Injectable()
export class RefreshTokensRepository {
  async createFamily(tx: TxClient, userId: string): Promise<string> {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO refresh_token_families (user_id) VALUES ($1) RETURNING id`,
      [userId],
    );
    return rows[0].id;
  }

  async insert(
    tx: TxClient,
    token: { hash: string; familyId: string; userId: string; expiresAt: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, $4)`,
      [token.hash, token.familyId, token.userId, token.expiresAt],
    );
  }

  async find(tx: TxClient, hash: string): Promise<StoredRefreshToken | undefined> {
    const { rows } = await tx.query<{
      family_id: string;
      user_id: string;
      expires_at: Date;
      spent_at: Date | null;
      revoked_at: Date | null;
    }>(
      `SELECT t.family_id, t.user_id, t.expires_at, t.spent_at, f.revoked_at
         FROM refresh_tokens t JOIN refresh_token_families f ON f.id = t.family_id
        WHERE t.token_hash = $1`,
      [hash],
    );
    const row = rows[0];
    return (
      row && {
        familyId: row.family_id,
        userId: row.user_id,
        expiresAt: row.expires_at,
        spentAt: row.spent_at,
        familyRevokedAt: row.revoked_at,
      }
    );
  }

  /** Marks the token spent; false when another request spent it first. */
  async spend(tx: TxClient, hash: string): Promise<boolean> {
    const { rowCount } = await tx.query(
      `UPDATE refresh_tokens SET spent_at = now() WHERE token_hash = $1 AND spent_at IS NULL`,
      [hash],
    );
    return rowCount === 1;
  }

  async revokeFamily(tx: TxClient, familyId: string, reason: 'logout' | 'reuse'): Promise<void> {
    await tx.query(
      `UPDATE refresh_token_families SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [familyId, reason],
    );
  }
}
