import type { UserStatus } from '@chat/contracts';

/** A user as the gateway stores it (the password hash stays in the repository). */
export interface User {
  id: string;
  username: string;
  email: string;
  displayName: string;
  tags: string[];
  status: UserStatus;
  lastSeenAt: Date | null;
  createdAt: Date;
}
