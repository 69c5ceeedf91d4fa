CREATE OR REPLACE VIEW event_log_v1.user_event_heads AS SELECT user_id, last_seq FROM user_event_heads
