-- Candidates share a tag with the requester (tags && $tags): an inverted (GIN) index in CockroachDB.
CREATE INDEX IF NOT EXISTS chatup_waiting_tags_idx ON chatup_waiting USING GIN (tags)
