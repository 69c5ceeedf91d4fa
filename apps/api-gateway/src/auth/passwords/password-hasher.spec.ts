import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id at the stated cost and a random salt', async () => {
    const a = await hasher.hash('correct horse battery');
    const b = await hasher.hash('correct horse battery');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toEqual(b);
    expect(a).not.toContain('correct horse');
  });

  it('verifies the right password only', async () => {
    const stored = await hasher.hash('correct horse battery');
    await expect(hasher.verify(stored, 'correct horse battery')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'Correct horse battery')).resolves.toBe(false);
  });

  it('refuses an unknown user and a malformed stored hash without throwing', async () => {
    await expect(hasher.verify(undefined, 'anything at all')).resolves.toBe(false);
    await expect(hasher.verify('not-a-phc-string', 'anything at all')).resolves.toBe(false);
  });
});
