/**
 * History for the database before the measured runs: a deployment's tables are not empty.
 * On nearly empty tables PostgreSQL plans sequential scans, and under SERIALIZABLE a scan
 * takes a predicate lock on the whole table, so every two concurrent sends conflict and one
 * retries (SQLSTATE 40001). With a realistic history the same statements use their indexes
 * and conflict only when they touch the same rows. Our schema and the raw pipeline's
 * (`bench_raw`, the same DDL) get the same history; both are ANALYZEd afterwards.
 */
export async function addHistory(db, schema, chats = 20_000) {
  const t = (name) => `${schema}.${name}`;
  await db.query(
    `INSERT INTO ${t('chats')} (id, type, created_by, last_seq, last_message_at)
       SELECT gen_random_uuid(), 'private', gen_random_uuid(), 1, now() FROM generate_series(1, $1)`,
    [chats],
  );
  await db.query(
    `INSERT INTO ${t('chat_members')} (chat_id, user_id, role)
       SELECT c.id, CASE WHEN k = 1 THEN c.created_by ELSE gen_random_uuid() END, 'member'
         FROM ${t('chats')} c CROSS JOIN generate_series(1, 2) AS k
        WHERE NOT EXISTS (SELECT 1 FROM ${t('chat_members')} m WHERE m.chat_id = c.id)`,
  );
  await db.query(
    `INSERT INTO ${t('messages')} (chat_id, seq, sender_id, client_message_id, kind, content)
       SELECT c.id, 1, c.created_by, gen_random_uuid(), 'text', 'history'
         FROM ${t('chats')} c WHERE c.type = 'private' AND c.last_seq = 1 AND NOT EXISTS
           (SELECT 1 FROM ${t('messages')} x WHERE x.chat_id = c.id)`,
  );
  await db.query(
    `INSERT INTO ${t('user_event_heads')} (user_id, last_seq)
       SELECT DISTINCT user_id, 1 FROM ${t('chat_members')} ON CONFLICT (user_id) DO NOTHING`,
  );
  await db.query(
    `INSERT INTO ${t('processed_commands')} (command_id) SELECT gen_random_uuid() FROM generate_series(1, $1)`,
    [chats],
  );
  for (const table of ['chats', 'chat_members', 'messages', 'user_event_heads', 'processed_commands'])
    await db.query(`ANALYZE ${t(table)}`);
}
