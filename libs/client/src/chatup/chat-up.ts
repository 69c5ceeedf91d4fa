import type { ChatUpRequested } from '../commands/command-results.js';
import type { Commands } from '../commands/commands.js';

/** ChatUp, interest matching: the outcome is `chatup.matched` or `chatup.expired` on the connection. */
export class ChatUp {
  constructor(private readonly commands: Commands) {}

  /** Asks for a partner sharing a tag (`tags`, else the profile's). */
  request(tags?: string[]): Promise<ChatUpRequested> {
    return this.commands.run('post', '/chatup', { body: tags ? { tags } : {} });
  }

  cancel(): Promise<Record<string, never>> {
    return this.commands.run('delete', '/chatup');
  }
}
