import pg from 'pg';
import { ApiClient } from '../../support/api-client';
import { ChatUser } from '../../support/chat-user';
import { Frame } from '../../support/test-socket';

/** A stored event as `/sync` returns it. */
export interface SyncedEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

/** Every stored event of the caller after `after`, following `hasMore`. */
export async function syncAll(api: ApiClient, token: string, after = 0): Promise<SyncedEvent[]> {
  const events: SyncedEvent[] = [];
  for (let cursor = after; ;) {
    const res = await api.request<{ events: SyncedEvent[]; nextAfter: number; hasMore: boolean }>(
      'GET',
      `/sync?after=${cursor}&limit=1000`,
      { token },
    );
    if (res.status !== 200) throw new Error(`/sync answered ${res.status}`);
    events.push(...res.body.events);
    if (!res.body.hasMore) return events;
    cursor = res.body.nextAfter;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Stored messages per chat, read straight from the worker's tables. */
export async function storedMessages(chatIds: readonly string[]) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const rows = await client.query<{ chat_id: string; id: string; seq: string; client_message_id: string }>(
      `SELECT chat_id, id, seq, client_message_id FROM chat.messages WHERE chat_id = ANY($1::uuid[]) ORDER BY chat_id, seq`,
      [chatIds],
    );
    return rows.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  } finally {
    await client.end();
  }
}

/** `message.created` frames a socket received, raw (duplicates kept). */
export function messageFrames(user: ChatUser): Frame<{ id: string; chatId: string; seq: number }>[] {
  return user.framesOf<{ id: string; chatId: string; seq: number }>('message.created');
}

/** Sleeps; only the fault drivers use it (a kill every few seconds is a schedule, not a wait for a condition). */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
