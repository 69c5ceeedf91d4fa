import type { Api } from '../api/api.js';
import type { Profile, StatusChange, UserStatus } from '../api/api-schemas.js';
import type { BlockResult } from '../commands/command-results.js';
import type { Commands } from '../commands/commands.js';

/** Other users: profiles and blocks, and the caller's own status. */
export class Users {
  constructor(
    private readonly api: Api,
    private readonly commands: Commands,
  ) {}

  profile(userId: string): Promise<Profile> {
    return this.api.call('get', '/users/{id}/profile', { path: { id: userId } });
  }

  /** Sets the caller's status; users who share a chat get `presence.changed`. */
  setStatus(status: UserStatus): Promise<StatusChange> {
    return this.api.call('put', '/users/me/status', { body: { status } });
  }

  /** After it the blocked user cannot write to the caller privately, nor add them to groups. */
  block(userId: string): Promise<BlockResult> {
    return this.commands.run('post', '/users/{id}/block', { path: { id: userId } });
  }

  unblock(userId: string): Promise<BlockResult> {
    return this.commands.run('delete', '/users/{id}/block', { path: { id: userId } });
  }
}
