-- Projection of blocks (from user.blocked / user.unblocked): a blocked pair is never matched.
CREATE TABLE IF NOT EXISTS chatup_blocks (
  blocker_id UUID NOT NULL,
  blocked_id UUID NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id)
)
