import type { Connection } from '../connection/connection.js';
import { CHAT_EVENT_TYPES, ChatEvent, chatIdOf } from './chat-events.js';
import { ChatState, ChatStateDeps } from './chat-state.js';

/**
 * One `ChatState` per chat the app asked for, fed by the connection: each chat event goes
 * to its chat's state (events of chats nobody asked for are left to the app's own handlers).
 * It subscribes before the app can, so an app's handler of an event already sees it applied.
 */
export class ChatRegistry {
  private readonly states = new Map<string, ChatState>();
  private readonly unsubscribe: Array<() => void>;

  constructor(
    connection: Connection,
    private readonly deps: ChatStateDeps,
  ) {
    this.unsubscribe = [
      ...CHAT_EVENT_TYPES.map((type) =>
        connection.on(type, (data) => {
          const event = { type, data } as ChatEvent;
          this.states.get(chatIdOf(event))?.apply(event);
        }),
      ),
      // History was pruned past our seq: what the states missed is only in the queries.
      connection.on('reset', () => {
        for (const state of this.states.values())
          if (state.loaded) state.load().catch((err: unknown) => deps.onError(err));
      }),
    ];
  }

  /** The state of `chatId`, the same object every time. */
  get(chatId: string): ChatState {
    let state = this.states.get(chatId);
    if (!state) this.states.set(chatId, (state = new ChatState(chatId, this.deps)));
    return state;
  }

  /** Drops a chat's state (its listeners stay with the dropped object). */
  forget(chatId: string): void {
    this.states.get(chatId)?.dispose();
    this.states.delete(chatId);
  }

  close(): void {
    for (const state of this.states.values()) state.dispose();
    for (const off of this.unsubscribe.splice(0)) off();
  }
}
