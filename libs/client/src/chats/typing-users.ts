import type { Timer } from '../platform.js';

/**
 * Who is typing in one chat. `typing` pushes are ephemeral and carry no "stopped": a user
 * counts as typing until `timeoutMs` after their last push, or until their message arrives.
 */
export class TypingUsers {
  private readonly timers = new Map<string, Timer>();
  private current: readonly string[] = [];

  constructor(
    private readonly timeoutMs: number,
    private readonly onChange: () => void,
  ) {}

  /** The users typing now, in the order they started. */
  get list(): readonly string[] {
    return this.current;
  }

  /** Returns whether the list changed (a user already typing only has their timer renewed). */
  typing(userId: string): boolean {
    clearTimeout(this.timers.get(userId));
    const known = this.timers.has(userId);
    this.timers.set(
      userId,
      setTimeout(() => {
        if (this.stopped(userId)) this.onChange();
      }, this.timeoutMs),
    );
    if (!known) this.current = [...this.timers.keys()];
    return !known;
  }

  /** Returns whether `userId` was typing. */
  stopped(userId: string): boolean {
    if (!this.timers.has(userId)) return false;
    clearTimeout(this.timers.get(userId));
    this.timers.delete(userId);
    this.current = [...this.timers.keys()];
    return true;
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.current = [];
  }
}
