CREATE OR REPLACE VIEW chat_read_v1.chat_members AS
  SELECT chat_id, user_id, role, joined_at, last_read_seq, delivered_seq FROM chat_members
