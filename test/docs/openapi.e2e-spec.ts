import { INestApplication } from '@nestjs/common';
import { startApiGateway } from '../../apps/api-gateway/src/main';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

/** The OpenAPI document is generated from the code and agrees with API.md's auth and users table. */
describe('OpenAPI document (e2e)', () => {
  let gateway: INestApplication;
  let baseUrl: string;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    gateway = await startApiGateway({ port: 0 });
    baseUrl = (await gateway.getUrl()).replace('[::1]', '127.0.0.1');
    const res = await fetch(`${baseUrl}/docs-json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(() => gateway?.close());

  it.each([
    ['/auth/register', 'post', '201'],
    ['/auth/login', 'post', '200'],
    ['/auth/refresh', 'post', '200'],
    ['/auth/logout', 'post', '204'],
    ['/users/me', 'get', '200'],
    ['/users/me', 'patch', '200'],
    ['/users/me/status', 'put', '200'],
    ['/users/{id}/profile', 'get', '200'],
    ['/users/me/chats', 'get', '200'],
    ['/chats/{id}', 'get', '200'],
    ['/chats/{id}/messages', 'get', '200'],
    ['/chats/private', 'post', '202'],
    ['/chats/group', 'post', '202'],
    ['/chats/{id}/members', 'post', '202'],
    ['/chats/{id}/members/{userId}', 'delete', '202'],
    ['/chats/{id}/messages', 'post', '202'],
    ['/chats/{id}/messages/{messageId}', 'patch', '202'],
    ['/chats/{id}/messages/{messageId}', 'delete', '202'],
    ['/chats/{id}/read', 'post', '202'],
    ['/users/{id}/block', 'post', '202'],
    ['/users/{id}/block', 'delete', '202'],
    ['/sync', 'get', '200'],
  ])('documents %s %s answering %s', (path, method, status) => {
    expect(doc.paths[path]?.[method]?.responses).toHaveProperty(status);
  });

  it('documents the register body with the contract fields and only those', () => {
    const schema = doc.components.schemas.RegisterRequestDto;
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([
      'displayName',
      'email',
      'password',
      'tags',
      'username',
    ]);
    expect(schema.required?.sort()).toEqual(['email', 'password', 'username']);
  });

  it('documents the user shapes of the contract', () => {
    expect(Object.keys(doc.components.schemas.MeResponseDto.properties ?? {}).sort()).toEqual([
      'createdAt',
      'displayName',
      'email',
      'id',
      'status',
      'tags',
      'username',
    ]);
    expect(Object.keys(doc.components.schemas.ProfileResponseDto.properties ?? {}).sort()).toEqual([
      'displayName',
      'id',
      'lastSeenAt',
      'status',
      'tags',
      'username',
    ]);
  });

  it('documents the message, chat and sync shapes, with the receipts and reset extensions', () => {
    const props = (name: string) => Object.keys(doc.components.schemas[name].properties ?? {}).sort();
    expect(props('MessageResponseDto')).toEqual([
      'chatId',
      'clientMessageId',
      'content',
      'createdAt',
      'deletedAt',
      'editedAt',
      'id',
      'senderId',
      'seq',
      'type',
    ]);
    expect(props('ChatResponseDto')).toEqual(
      expect.arrayContaining(['id', 'type', 'name', 'members', 'lastMessage', 'lastSeq', 'unreadCount']),
    );
    expect(props('MemberResponseDto')).toEqual(
      expect.arrayContaining(['userId', 'role', 'lastReadSeq', 'deliveredSeq']),
    );
    expect(props('SyncPageResponseDto')).toEqual(['events', 'hasMore', 'nextAfter', 'reset']);
    expect(props('SendMessageRequestDto')).toEqual(['clientMessageId', 'content', 'type']);
  });

  it('serves the UI at /docs', async () => {
    const res = await fetch(`${baseUrl}/docs`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger-ui');
  });
});
