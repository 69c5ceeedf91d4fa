import { HEADERS, SendMessage, TOPICS, topicName } from '@chat/contracts';
import { randomUUID } from 'node:crypto';
import { waitFor } from '../support/wait-for';
import { ChatWorkerHarness, newUser } from './chat-worker.harness';

/**
 * A command the workers dead-lettered was accepted with a 202, so its actor still gets one
 * outcome: the worker answers dead letters of its own group with `command.failed`.
 */
describe('chat worker: outcomes for dead-lettered commands (real engines)', () => {
  const h = new ChatWorkerHarness();

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  const deadLetter = (value: string, group: string) =>
    h.kafka.send(topicName(h.kafka.prefix, TOPICS.deadLetter), [
      {
        key: 'k',
        value,
        headers: { [HEADERS.dlqReason]: 'handler failed 5 times: boom', [HEADERS.dlqConsumerGroup]: group },
      },
    ]);

  it('answers command.failed once, even when the dead letter arrives twice', async () => {
    const actorId = newUser();
    const command = h.envelope(SendMessage, {
      actorId,
      chatId: randomUUID(),
      clientMessageId: randomUUID(),
      content: 'x',
      kind: 'text',
    });
    const group = `${h.kafka.prefix}chat-service`;
    await deadLetter(JSON.stringify(command), group);
    await deadLetter(JSON.stringify(command), group);

    const outcome = await h.outcome(command);
    expect(outcome).toEqual({
      type: 'command.failed',
      data: { commandId: command.id, code: 'INVALID', message: 'the command could not be processed' },
    });
    // A later command's outcome proves the second dead letter was handled, and added nothing.
    const later = h.envelope(SendMessage, { ...command.payload, clientMessageId: randomUUID() });
    await deadLetter(JSON.stringify(later), group);
    await h.outcome(later);
    expect(h.pushesTo(actorId, 'command.failed')).toHaveLength(2);
  });

  it('leaves other groups’ dead letters and poison records alone', async () => {
    const actorId = newUser();
    const foreign = h.envelope(SendMessage, {
      actorId,
      chatId: randomUUID(),
      clientMessageId: randomUUID(),
      content: 'x',
      kind: 'text',
    });
    await deadLetter(JSON.stringify(foreign), `${h.kafka.prefix}some-other-group`);
    await deadLetter('not json at all', `${h.kafka.prefix}chat-service`);
    const marker = h.envelope(SendMessage, { ...foreign.payload, clientMessageId: randomUUID() });
    await deadLetter(JSON.stringify(marker), `${h.kafka.prefix}chat-service`);
    await h.outcome(marker);
    await waitFor('the marker', () => h.pushesTo(actorId, 'command.failed').length >= 1);
    expect(
      h.pushesTo(actorId, 'command.failed').map((p) => (p.data as { commandId: string }).commandId),
    ).toEqual([marker.id]);
  });
});
