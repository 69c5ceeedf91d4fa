import { helmetDefaults } from './security-headers';

describe('helmetDefaults', () => {
  it("holds helmet's default headers", () => {
    const headers = Object.fromEntries(helmetDefaults());
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'SAMEORIGIN',
      'Strict-Transport-Security': expect.stringContaining('max-age='),
      'Content-Security-Policy': expect.stringContaining("default-src 'self'"),
    });
    expect(Object.keys(headers).length).toBeGreaterThanOrEqual(10);
  });
});
