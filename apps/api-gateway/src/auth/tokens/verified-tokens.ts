interface Verified<T> {
  user: T;
  /** The token's `exp`, in ms. */
  expiresAtMs: number;
}

/**
 * Access tokens already verified, each kept until its own expiry, so a client's next
 * request costs a map lookup instead of an HMAC and a JSON parse. Only a token whose
 * signature and claims checked out is stored, keyed by the whole token string, so a
 * lookup cannot accept anything verification would refuse; once `exp` has passed the
 * entry is gone and the token is verified (and refused) again. Bounded: past `limit`
 * tokens the least recently used is dropped (a Map keeps insertion order; a hit moves
 * its entry to the end).
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, Verified<T>>();

  constructor(private readonly limit = 10_000) {}

  get(token: string, nowMs = Date.now()): T | undefined {
    const found = this.entries.get(token);
    if (!found) return undefined;
    this.entries.delete(token);
    if (nowMs >= found.expiresAtMs) return undefined;
    this.entries.set(token, found);
    return found.user;
  }

  set(token: string, user: T, expiresAtMs: number): void {
    this.entries.delete(token);
    this.entries.set(token, { user, expiresAtMs });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}
