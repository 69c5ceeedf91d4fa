import { SystemUnderTest } from '../support/system-under-test';

/** The contract's HTTP conventions, over real HTTP: correlation ids, body limits, error shape. */
describe('HTTP conventions (e2e)', () => {
  const system = new SystemUnderTest();

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${system.baseUrl}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('echoes a valid x-correlation-id and replaces an invalid one', async () => {
    const kept = await fetch(`${system.baseUrl}/health`, { headers: { 'x-correlation-id': 'req-42.a' } });
    expect(kept.headers.get('x-correlation-id')).toBe('req-42.a');
    const replaced = await fetch(`${system.baseUrl}/health`, {
      headers: { 'x-correlation-id': 'bad id\twith spaces' },
    });
    expect(replaced.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const generated = await fetch(`${system.baseUrl}/health`);
    expect(generated.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 413 in the error shape for a body over 64 KB', async () => {
    const res = await post('/auth/login', JSON.stringify({ username: 'x'.repeat(70 * 1024), password: 'p' }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    expect(res.headers.get('x-correlation-id')).toBeTruthy();
  });

  it.each([
    ['malformed JSON', '{"username": ', /body: /],
    ['a __proto__ key', '{"__proto__": {"admin": true}}', /__proto__ is not an allowed property name/],
    [
      'a nested constructor key',
      '{"a": {"constructor": {"prototype": 1}}}',
      /is not an allowed property name/,
    ],
    ['a JSON array', '[1, 2]', /body must be a JSON object/],
  ])('answers 400 naming the problem for %s', async (_name, body, message) => {
    const res = await post('/auth/login', body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { statusCode: number; error: string; message: string[] };
    expect(json).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(json.message.join(' ')).toMatch(message);
  });

  it('sets security headers', async () => {
    const res = await fetch(`${system.baseUrl}/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
