CREATE OR REPLACE VIEW chat_read_v1.chats AS
  SELECT id, type, name, created_by, last_seq, created_at, last_message_at FROM chats
