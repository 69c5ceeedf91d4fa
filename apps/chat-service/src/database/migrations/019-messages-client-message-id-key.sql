-- A client's retried send (same clientMessageId) finds the message it already stored.
CREATE UNIQUE INDEX IF NOT EXISTS messages_client_message_id_key
  ON messages (chat_id, sender_id, client_message_id)
