import {
  ChatupCancel,
  ChatupOpenChat,
  ChatupRequest,
  createEnvelope,
  HEADERS,
  privateChatId,
  TOPICS,
  topicName,
} from '@chat/contracts';
import { randomUUID } from 'node:crypto';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { TestKafka } from '../support/test-kafka';
import { waitFor } from '../support/wait-for';

/**
 * A ChatUp command the ChatUp workers dead-lettered was accepted with a 202, so its actor
 * still gets one outcome: the worker answers its own group's dead letters with
 * `command.failed`, which reaches the actor's socket through the chat worker (the owner of
 * the event logs), once however often the dead letter arrives.
 */
describe('ChatUp: outcomes for dead-lettered commands (e2e)', () => {
  const system = new SystemUnderTest({ gateways: 1, chatWorkers: 1, chatupWorkers: 1 });
  const kafka = new TestKafka();

  beforeAll(() => system.start(), 120_000);
  afterAll(() => Promise.all([system.stop(), kafka.close()]));

  const deadLetter = (value: object, group = `${kafka.prefix}chatup-service`) =>
    kafka.send(topicName(kafka.prefix, TOPICS.deadLetter), [
      {
        key: 'k',
        value: JSON.stringify(value),
        headers: { [HEADERS.dlqReason]: 'handler failed 5 times: boom', [HEADERS.dlqConsumerGroup]: group },
      },
    ]);
  const failuresOf = (u: ChatUser) =>
    u.socket.frames
      .filter((f) => f.type === 'command.failed')
      .map((f) => (f.data as { commandId: string }).commandId);

  it('answers a dead-lettered chatup.request and chatup.cancel command.failed, once each', async () => {
    const alice = await ChatUser.create(system.baseUrl);
    const cause = { correlationId: randomUUID() };
    const request = createEnvelope(
      ChatupRequest.type,
      ChatupRequest.version,
      { actorId: alice.id, username: alice.session.user.username, displayName: 'Alice', tags: ['x'] },
      cause,
    );
    const cancel = createEnvelope(ChatupCancel.type, ChatupCancel.version, { actorId: alice.id }, cause);
    await deadLetter(request);
    await deadLetter(request);
    await deadLetter(cancel);

    const failed = await alice.socket.next<{ commandId: string; code: string }>(
      'command.failed',
      (f) => f.data.commandId === request.id,
    );
    expect(failed.data).toEqual({
      commandId: request.id,
      code: 'INVALID',
      message: 'the command could not be processed',
    });
    await alice.socket.next('command.failed', (f) => f.data.commandId === cancel.id);
    // Another group's dead letter is not ours to answer; a marker after it shows it was read.
    const foreign = createEnvelope(ChatupCancel.type, ChatupCancel.version, { actorId: alice.id }, cause);
    await deadLetter(foreign, `${kafka.prefix}some-other-group`);
    const marker = createEnvelope(ChatupCancel.type, ChatupCancel.version, { actorId: alice.id }, cause);
    await deadLetter(marker);
    await waitFor('the marker’s answer', () => failuresOf(alice).includes(marker.id));
    expect(failuresOf(alice).sort()).toEqual([request.id, cancel.id, marker.id].sort());
    await alice.close();
  });

  it('answers a dead-lettered chatup.open-chat: the request that made the match fails, the partner is told', async () => {
    const [alice, bob] = await Promise.all([
      ChatUser.create(system.baseUrl),
      ChatUser.create(system.baseUrl),
    ]);
    const [requestId, partnerRequestId] = [randomUUID(), randomUUID()];
    const side = (u: ChatUser) => ({
      id: u.id,
      username: u.session.user.username,
      displayName: u.session.user.displayName,
      tags: ['x'],
    });
    const matchId = randomUUID();
    const openChat = createEnvelope(
      ChatupOpenChat.type,
      ChatupOpenChat.version,
      {
        matchId,
        chatId: privateChatId(alice.id, bob.id),
        requestId,
        partnerRequestId,
        users: [side(alice), side(bob)],
        commonTags: ['x'],
      },
      { correlationId: requestId, id: matchId },
    );
    const chatWorkers = `${kafka.prefix}chat-service`;
    await deadLetter(openChat, chatWorkers);
    await deadLetter(openChat, chatWorkers);

    const failed = await alice.socket.next<{ commandId: string }>(
      'command.failed',
      (f) => f.data.commandId === requestId,
    );
    expect(failed.data).toEqual({
      commandId: requestId,
      code: 'INVALID',
      message: 'the match could not be completed',
    });
    const cancelled = await bob.socket.next('chatup.cancelled');
    expect(cancelled.data).toEqual({ requestId: partnerRequestId, reason: 'failed' });
    // The second dead letter added nothing: a later marker's answer arrives after it.
    const marker = createEnvelope(
      ChatupCancel.type,
      ChatupCancel.version,
      { actorId: alice.id },
      { correlationId: matchId },
    );
    await deadLetter(marker);
    await waitFor('the marker’s answer', () => failuresOf(alice).includes(marker.id));
    expect(failuresOf(alice)).toEqual([requestId, marker.id]);
    expect(bob.socket.frames.filter((f) => f.type === 'chatup.cancelled')).toHaveLength(1);
    expect(bob.socket.frames.filter((f) => f.type === 'chatup.matched' || f.type === 'chat.created')).toEqual(
      [],
    );
    await Promise.all([alice.close(), bob.close()]);
  });
});
