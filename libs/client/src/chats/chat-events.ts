import type { ServerEvent } from '../connection/server-events.js';

/** The server events that belong to one chat, and so to its `ChatState`. */
export const CHAT_EVENT_TYPES = [
  'message.created',
  'message.updated',
  'message.deleted',
  'chat.created',
  'chat.member_added',
  'chat.member_removed',
  'chat.read',
  'chat.delivered',
  'typing',
] as const;

export type ChatEvent = Extract<ServerEvent, { type: (typeof CHAT_EVENT_TYPES)[number] }>;

/** The chat an event is about (`chat.created` names it `id`, the others `chatId`). */
export function chatIdOf(event: ChatEvent): string {
  return event.type === 'chat.created' ? event.data.id : event.data.chatId;
}
