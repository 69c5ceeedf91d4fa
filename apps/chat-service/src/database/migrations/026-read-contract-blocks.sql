CREATE OR REPLACE VIEW chat_read_v1.blocks AS
  SELECT blocker_id, blocked_id, created_at FROM blocks
