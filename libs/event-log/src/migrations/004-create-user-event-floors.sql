-- The highest seq retention removed per user: a client asking from below it must reset.
CREATE TABLE IF NOT EXISTS user_event_floors (
  user_id UUID PRIMARY KEY,
  pruned_through INT8 NOT NULL
)
