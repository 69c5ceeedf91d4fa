-- "Does this user have a live connection left?" on every disconnect.
CREATE INDEX IF NOT EXISTS user_connections_user_id_idx ON user_connections (user_id)
