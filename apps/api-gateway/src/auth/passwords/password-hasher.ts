import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's baseline cost: 19 MiB of memory, 2 passes, 1 lane (about 20–30 ms
 * per hash here). The algorithm is the library's default, argon2id; the PHC string stores
 * the parameters, so raising the cost later still verifies old hashes.
 */
const COST = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /** A hash for a username that does not exist, so an unknown user costs a login as much as a wrong password. */
  private readonly decoy = hash('decoy password that matches nothing', COST);

  hash(password: string): Promise<string> {
    return hash(password, COST);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    if (passwordHash === undefined) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
