CREATE OR REPLACE VIEW chat_read_v1.messages AS
  SELECT id, chat_id, seq, sender_id, client_message_id, kind, content, created_at, edited_at, deleted_at
    FROM messages
