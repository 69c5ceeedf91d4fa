-- One message per seq of a chat; also the index pages of a chat's history are read by.
CREATE UNIQUE INDEX IF NOT EXISTS messages_chat_id_seq_key ON messages (chat_id, seq)
