-- The data of an event many users receive, stored once (a group's chat.created names every
-- member: stored per recipient it grew with the square of the group's size). Their
-- user_events rows point here through payload_id and carry no data of their own.
CREATE TABLE IF NOT EXISTS event_payloads (
  id UUID PRIMARY KEY,
  data JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
