-- Emails are stored lower-cased, so this also makes them unique regardless of case.
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email)
