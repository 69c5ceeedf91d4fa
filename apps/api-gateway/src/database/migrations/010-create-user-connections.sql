-- One row per WebSocket a gateway instance holds. Each instance refreshes heartbeat_at of
-- its own rows; rows whose heartbeat stopped (a crashed instance) are swept by any instance.
CREATE TABLE IF NOT EXISTS user_connections (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id UUID NOT NULL,
  instance_id TEXT NOT NULL,
  connected_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
