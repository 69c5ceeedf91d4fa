import { Injectable } from '@nestjs/common';
import { Database, TxClient } from '@chat/db';
import type { UserStatus } from '@chat/contracts';
import type { User } from '../domain/user';

interface UserRow {
  id: string;
  username: string;
  email: string;
  display_name: string;
  tags: string[];
  status: UserStatus;
  last_seen_at: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, username, email, display_name, tags, status, last_seen_at, created_at';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    displayName: row.display_name,
    tags: row.tags,
    status: row.status,
    lastSeenAt: row.last_seen_at,
    createdAt: row.created_at,
  };
}

export interface NewUser {
  username: string;
  email: string;
  passwordHash: string;
  displayName: string;
  tags: string[];
}

/** SQL of the `users` table. Reads outside a transaction take the `Database`; writes take a `TxClient`. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  /** Inserts the user; a taken username or email fails with SQLSTATE 23505 (constraint named). */
  async insert(tx: TxClient, user: NewUser): Promise<User> {
    const { rows } = await tx.query<UserRow>(
      `INSERT INTO users (username, email, password_hash, display_name, tags)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [user.username, user.email, user.passwordHash, user.displayName, user.tags],
    );
    return toUser(rows[0]);
  }

  async findById(id: string, tx?: TxClient): Promise<User | undefined> {
    const { rows } = await (tx ?? this.db).query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
    return rows[0] && toUser(rows[0]);
  }

  /** The user and the stored password hash, for login. */
  async findCredentials(username: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const { rows } = await this.db.query<UserRow & { password_hash: string }>(
      `SELECT ${COLUMNS}, password_hash FROM users WHERE username = $1`,
      [username],
    );
    return rows[0] && { user: toUser(rows[0]), passwordHash: rows[0].password_hash };
  }

  async updateProfile(
    tx: TxClient,
    id: string,
    changes: { displayName?: string; tags?: string[] },
  ): Promise<User | undefined> {
    const { rows } = await tx.query<UserRow>(
      `UPDATE users SET display_name = COALESCE($2, display_name), tags = COALESCE($3, tags), updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, changes.displayName ?? null, changes.tags ?? null],
    );
    return rows[0] && toUser(rows[0]);
  }

  /** Which of `ids` are users (users are never deleted, so a yes stays true). */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.db.query<{ id: string }>(`SELECT id FROM users WHERE id = ANY($1::UUID[])`, [
      [...new Set(ids)],
    ]);
    return new Set(rows.map((row) => row.id));
  }
}
