import { CommandHandler, CommandResult, CommandScope, HandlesCommand } from '@chat/commands';
import {
  ChatupOpenChat,
  ChatupOpenChatPayload,
  ChatupRequest,
  ChatupRequestPayload,
  createEnvelope,
  privateChatId,
  TOPICS,
} from '@chat/contracts';
import { OutboxWriter } from '@chat/outbox';
import { randomUUID } from 'node:crypto';
import type { ChatupConfig } from '../../chatup.config';
import { InjectChatupConfig } from '../../chatup.tokens';
import { ChatupUsersRepository } from '../../database/chatup-users.repository';
import { RecentMatchesRepository } from '../../database/recent-matches.repository';
import { WaitingPoolRepository } from '../../database/waiting-pool.repository';
import { commonTags, normalizeTags } from '../../domain/tags.rules';

/**
 * `chatup.request`, all in the command's SERIALIZABLE transaction:
 *
 * 1. takes the actor's own waiting entry, if any (a repeated request replaces it but keeps
 *    its place in the queue), so a matched actor is never also left waiting;
 * 2. finds the best partner (`WaitingPoolRepository.bestPartner`) and claims them with
 *    `DELETE ... RETURNING`: two workers claiming one partner conflict, and the loser's
 *    retry no longer sees them, so nobody is in two matches;
 * 3. matched: records the pair as recent and writes `chatup.open-chat` to the outbox (the
 *    chat worker opens the chat, tells both `chatup.matched` and answers this request
 *    `command.succeeded { status: 'matched' }`), atomic with the claim;
 *    else: waits until `CHATUP_WAIT_SECONDS` from now.
 */
@HandlesCommand(ChatupRequest, { keyedBy: 'actor' })
export class RequestChatupHandler implements CommandHandler<ChatupRequestPayload> {
  constructor(
    private readonly pool: WaitingPoolRepository,
    private readonly users: ChatupUsersRepository,
    private readonly recent: RecentMatchesRepository,
    private readonly outbox: OutboxWriter,
    @InjectChatupConfig() private readonly config: ChatupConfig,
  ) {}

  async execute(scope: CommandScope, payload: ChatupRequestPayload): Promise<CommandResult> {
    const { tx, actorId } = scope;
    const tags = normalizeTags(payload.tags);
    // The projection when it has the actor, else the profile the request carried (sign-up
    // reaches this worker on another topic and may not have arrived yet).
    const actor = (await this.users.find(tx, actorId)) ?? {
      username: payload.username,
      displayName: payload.displayName,
    };

    const previous = await this.pool.take(tx, actorId);
    const candidate = await this.pool.bestPartner(tx, actorId, tags, this.config);
    if (!candidate) {
      const expiresAt = await this.pool.enqueue(
        tx,
        {
          userId: actorId,
          requestId: scope.commandId,
          username: actor.username,
          displayName: actor.displayName,
          tags,
          requestedAt: previous?.requestedAt,
        },
        this.config.waitSeconds,
      );
      return { status: 'waiting', expiresAt: expiresAt.toISOString() };
    }

    const partner = await this.pool.take(tx, candidate.userId);
    if (!partner) throw serializationConflict(candidate.userId);
    await this.recent.record(tx, actorId, partner.userId);
    const matchId = randomUUID();
    const chatId = privateChatId(actorId, partner.userId);
    const openChat: ChatupOpenChatPayload = {
      matchId,
      chatId,
      // The chat worker answers this request once the chat is open (or, if it cannot be,
      // fails it and tells the partner): the outcome travels with the match.
      requestId: scope.commandId,
      partnerRequestId: partner.requestId,
      users: [
        { id: actorId, username: actor.username, displayName: actor.displayName, tags },
        {
          id: partner.userId,
          username: candidate.username,
          displayName: candidate.displayName,
          tags: partner.tags,
        },
      ],
      commonTags: commonTags(tags, partner.tags),
    };
    const envelope = createEnvelope(ChatupOpenChat.type, ChatupOpenChat.version, openChat, {
      ...scope.cause,
      id: matchId,
    });
    await this.outbox.add(tx, TOPICS.chatCommands, chatId, envelope);
    scope.deferOutcome();
    return {};
  }
}

/**
 * The partner just read is gone: under SERIALIZABLE this is another transaction's claim
 * and the database reports 40001 itself; should it not, the same code makes
 * `withTransaction` run the match again, which then picks someone else.
 */
function serializationConflict(userId: string): Error {
  return Object.assign(new Error(`waiting user ${userId} was claimed concurrently`), { code: '40001' });
}
