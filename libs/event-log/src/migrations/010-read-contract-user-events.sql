-- Each stored event with its data, wherever it is kept (on the row, or once for many
-- recipients in event_payloads): how it is stored is the owner's business.
CREATE OR REPLACE VIEW event_log_v1.user_events AS
  SELECT e.user_id, e.seq, e.type, COALESCE(e.data, p.data) AS data, e.created_at
    FROM user_events e LEFT JOIN event_payloads p ON p.id = e.payload_id
