import { ApiClient } from './api-client';
import { SystemUnderTest } from './system-under-test';

/** A registered user and a valid access token of theirs. */
export interface TestUser {
  id: string;
  username: string;
  token: string;
}

/** Registers a fresh user through `POST /auth/register`, as an app would. */
export async function createTestUser(system: SystemUnderTest): Promise<TestUser> {
  const session = await new ApiClient(system.baseUrl).register();
  return { id: session.user.id, username: session.user.username, token: session.accessToken };
}
