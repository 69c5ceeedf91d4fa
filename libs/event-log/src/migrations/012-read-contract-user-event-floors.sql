CREATE OR REPLACE VIEW event_log_v1.user_event_floors AS SELECT user_id, pruned_through FROM user_event_floors
