import type { User } from './user';

/** `GET /users/me`, `PATCH /users/me` and the `user` of auth answers (API.md). */
export interface MeView {
  id: string;
  username: string;
  email: string;
  displayName: string;
  tags: string[];
  status: string;
  createdAt: string;
}

/** `GET /users/:id/profile`: what anyone signed in may see of a user (no email). */
export interface ProfileView {
  id: string;
  username: string;
  displayName: string;
  tags: string[];
  status: string;
  lastSeenAt: string | null;
}

export function toMeView(user: User): MeView {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    displayName: user.displayName,
    tags: user.tags,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toProfileView(user: User): ProfileView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    tags: user.tags,
    status: user.status,
    lastSeenAt: user.lastSeenAt?.toISOString() ?? null,
  };
}
