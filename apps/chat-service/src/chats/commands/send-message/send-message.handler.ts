import {
  CommandResult,
  CommandScope,
  DomainError,
  HandlesCommand,
  SetBasedCommandHandler,
  SetOutcome,
} from '@chat/commands';
import { SendMessage, SendMessagePayload } from '@chat/contracts';
import { TxClient } from '@chat/db';
import { randomUUID } from 'node:crypto';
import {
  BatchMessage,
  ChatAudience,
  pairKey,
  SendBatchRepository,
} from '../../database/send-batch.repository';
import { ChatMessage } from '../../domain/chat.types';

/** A send the rules let through, or a repeat of one earlier in the run. */
type Decision = SetOutcome | { accepted: true } | { repeatOf: number };

/**
 * `message.send`, for a run of consecutive sends of one partition (claimed, in partition
 * order) in one transaction: stores each message under its chat's next seq and says whom
 * to tell, with six statements whatever the run's length (members, retried sends, blocks,
 * seq ranges, messages, read marks).
 *
 * The rules, per send and in this order, as for a single send: a non-member (or no such
 * chat) is NOT_MEMBER; the same `clientMessageId` from the same sender again (a client
 * retry, new command id) answers the original `{ messageId, seq }` with no second message
 * or event, even if the peer blocked the sender since (the peer has the message already);
 * in a private chat, a sender the peer blocked is BLOCKED. No command of another type sits
 * between two sends of a run, so the members and blocks read once hold for the whole run
 * (the commands that change them run between runs, in the same transaction).
 */
@HandlesCommand(SendMessage)
export class SendMessageHandler implements SetBasedCommandHandler<SendMessagePayload> {
  constructor(private readonly repo: SendBatchRepository) {}

  /** One send alone: the run of one. */
  async execute(scope: CommandScope, payload: SendMessagePayload): Promise<CommandResult> {
    const [outcome] = await this.executeAll(scope.tx, [payload]);
    if (!outcome.ok) throw outcome.error;
    for (const event of outcome.events ?? []) await scope.emit(event.type, event.data, event.recipients);
    return outcome.result;
  }

  async executeAll(tx: TxClient, sends: readonly SendMessagePayload[]): Promise<SetOutcome[]> {
    const audiences = await this.repo.audiences(tx, [...new Set(sends.map((s) => s.chatId))]);
    const members = sends.map((s) => isMember(audiences.get(s.chatId), s.actorId));
    const originals = await this.repo.originals(
      tx,
      sends.filter((_, i) => members[i]).map((s) => ({ ...s, senderId: s.actorId })),
    );
    const stored = new Map(originals.map((m) => [messageKey(m.chatId, m.senderId, m.clientMessageId), m]));
    const blocks = await this.repo.blocked(tx, blockChecks(sends, members, audiences, stored));

    const counts = new Map<string, number>();
    const firstInRun = new Map<string, number>();
    const decisions = sends.map((send, i): Decision => {
      if (!members[i])
        return { ok: false, error: new DomainError('NOT_MEMBER', 'you are not a member of this chat') };
      const key = messageKey(send.chatId, send.actorId, send.clientMessageId);
      const original = stored.get(key);
      if (original) return { ok: true, result: { messageId: original.id, seq: original.seq } };
      const earlier = firstInRun.get(key);
      if (earlier !== undefined) return { repeatOf: earlier };
      const peer = privatePeer(audiences.get(send.chatId)!, send.actorId);
      if (peer && blocks.has(pairKey(peer, send.actorId)))
        return { ok: false, error: new DomainError('BLOCKED', 'this user has blocked you') };
      firstInRun.set(key, i);
      counts.set(send.chatId, (counts.get(send.chatId) ?? 0) + 1);
      return { accepted: true };
    });

    const messages =
      counts.size > 0 ? await this.store(tx, sends, decisions, counts) : new Map<number, ChatMessage>();
    const outcomes: SetOutcome[] = [];
    for (const [i, decision] of decisions.entries()) {
      if ('repeatOf' in decision) {
        const first = messages.get(decision.repeatOf)!;
        outcomes.push({ ok: true, result: { messageId: first.id, seq: first.seq } });
      } else if ('accepted' in decision) {
        const message = messages.get(i)!;
        const memberIds = audiences.get(message.chatId)!.memberIds;
        outcomes.push({
          ok: true,
          result: { messageId: message.id, seq: message.seq },
          events: [{ type: 'message.created', data: message, recipients: memberIds }],
        });
      } else outcomes.push(decision);
    }
    return outcomes;
  }

  /** Takes each chat's seq range, stores the accepted messages and the senders' read marks. */
  private async store(
    tx: TxClient,
    sends: readonly SendMessagePayload[],
    decisions: readonly Decision[],
    counts: ReadonlyMap<string, number>,
  ): Promise<Map<number, ChatMessage>> {
    const lastSeqs = await this.repo.takeSeqs(tx, counts);
    const nextSeq = new Map<string, number>();
    for (const [chatId, count] of counts) {
      const last = lastSeqs.get(chatId);
      if (last === undefined) throw new Error(`chat ${chatId} vanished during a send`);
      nextSeq.set(chatId, last - count + 1);
    }
    const rows: BatchMessage[] = [];
    const indexOf = new Map<string, number>();
    const readMarks = new Map<string, { chatId: string; userId: string; seq: number }>();
    for (const [i, decision] of decisions.entries()) {
      if (!('accepted' in decision)) continue;
      const { chatId, actorId, clientMessageId, kind, content } = sends[i];
      const seq = nextSeq.get(chatId)!;
      nextSeq.set(chatId, seq + 1);
      const id = randomUUID();
      rows.push({ id, chatId, seq, senderId: actorId, clientMessageId, kind, content });
      indexOf.set(id, i);
      // One's own message counts as read: it must not show as unread to its sender.
      readMarks.set(`${chatId}:${actorId}`, { chatId, userId: actorId, seq });
    }
    const inserted = await this.repo.insert(tx, rows);
    await this.repo.advanceRead(tx, [...readMarks.values()]);
    return new Map([...inserted].map(([id, message]) => [indexOf.get(id)!, message]));
  }
}

/** Private chats' (peer, sender) pairs to look up, for member sends that are not retries. */
function blockChecks(
  sends: readonly SendMessagePayload[],
  members: readonly boolean[],
  audiences: ReadonlyMap<string, ChatAudience>,
  stored: ReadonlyMap<string, ChatMessage>,
): { blockerId: string; blockedId: string }[] {
  const pairs: { blockerId: string; blockedId: string }[] = [];
  for (const [i, send] of sends.entries()) {
    if (!members[i] || stored.has(messageKey(send.chatId, send.actorId, send.clientMessageId))) continue;
    const peer = privatePeer(audiences.get(send.chatId)!, send.actorId);
    if (peer) pairs.push({ blockerId: peer, blockedId: send.actorId });
  }
  return pairs;
}

function isMember(audience: ChatAudience | undefined, userId: string): boolean {
  return audience !== undefined && audience.memberIds.includes(userId);
}

/** The other member of a private chat; undefined in a group. */
function privatePeer(audience: ChatAudience, actorId: string): string | undefined {
  return audience.type === 'private' ? audience.memberIds.find((id) => id !== actorId) : undefined;
}

function messageKey(chatId: string, senderId: string, clientMessageId: string): string {
  return `${chatId}:${senderId}:${clientMessageId}`;
}
