-- A user's chats (the gateway's chat list, presence fan-out to chat peers).
CREATE INDEX IF NOT EXISTS chat_members_user_id_idx ON chat_members (user_id)
