-- Who blocked whom. Checked as "has the other user blocked the actor": (blocker, blocked) lookups.
CREATE TABLE IF NOT EXISTS blocks (
  blocker_id UUID NOT NULL,
  blocked_id UUID NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (blocker_id, blocked_id)
)
