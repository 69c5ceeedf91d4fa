-- For pruning pairs older than the recent-match window.
CREATE INDEX IF NOT EXISTS chatup_recent_matches_matched_at_idx ON chatup_recent_matches (matched_at)
